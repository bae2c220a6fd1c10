package envfile

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
)

func TestCheckPath(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, ".env")
	if err := os.WriteFile(file, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		path string
		want error // nil: usable
	}{
		{file, nil},
		{filepath.Join(dir, "new.env"), nil},
		{dir, ErrIsDirectory},
		{os.DevNull, ErrNotRegular},
		{filepath.Join(dir, "missing", ".env"), ErrNotWritable},
	} {
		err := CheckPath(tc.path)
		if (tc.want == nil) != (err == nil) || (tc.want != nil && !errors.Is(err, tc.want)) {
			t.Errorf("CheckPath(%s) = %v, want %v", tc.path, err, tc.want)
		}
	}
}
