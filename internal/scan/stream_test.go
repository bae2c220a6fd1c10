package scan

import (
	"bytes"
	"crypto/rand"
	"fmt"
	"strings"
	"testing"
	"testing/iotest"

	"github.com/onboard-dev/onboard/internal/scan/scantest"
	"github.com/onboard-dev/onboard/internal/secret"
)

func scanBytes(t *testing.T, content []byte, values ...Value) ([]match, bool) {
	t.Helper()
	s := newBlobScanner(newDetector(values))
	// One byte at a time at first, then whole: the window logic must not
	// depend on how the reader hands out data.
	ms, bin, err := s.scan(iotest.HalfReader(bytes.NewReader(content)), int64(len(content)))
	if err != nil {
		t.Fatal(err)
	}
	ms = append([]match(nil), ms...)
	// The in-memory path (small blobs) must agree with the windowed one.
	mem, memBin := newBlobScanner(newDetector(values)).scanMem(content)
	if memBin != bin || fmt.Sprint(mem) != fmt.Sprint(ms) {
		t.Errorf("in memory: %d matches (binary %v), windowed: %d (binary %v)", len(mem), memBin, len(ms), bin)
	}
	return ms, bin
}

// TestWindowBoundaries puts a key across every position around the
// boundary of the first windows of a large blob: each is found once, on
// its line.
func TestWindowBoundaries(t *testing.T) {
	key := scantest.StripeKey("sk_live_")
	filler := bytes.Repeat([]byte("const value = compute(a, b); // ok\n"), (3*window)/35)
	for _, at := range []int{window - lookBack - 300, window - 130, window - 90, window - 7, window - 1, window, window + 3, window + overlap, 2*window - 50} {
		content := append([]byte(nil), filler...)
		// Put the key at the start of the line that holds offset at.
		lineStart := bytes.LastIndexByte(content[:at], '\n') + 1
		line := bytes.Count(content[:lineStart], []byte{'\n'}) + 1
		content = append(content[:lineStart], append([]byte("key = "+key+"\n"), content[lineStart:]...)...)
		ms, _ := scanBytes(t, content)
		if len(ms) != 1 || ms[0].fp != Fingerprint(key) || ms[0].line != line {
			t.Errorf("key near offset %d: %d matches (want 1 on line %d): %+v", at, len(ms), line, ms)
		}
	}
}

// TestPlaidMarkerAcrossWindows: the look-back of the Plaid rules reaches
// into the previous window.
func TestPlaidMarkerAcrossWindows(t *testing.T) {
	id := scantest.Hex(24)
	head := bytes.Repeat([]byte("x = 1;\n"), (window-40)/7)
	content := append(head, []byte("plaid:\n  env: sandbox\n  products: auth\n  client_id: "+id+"\n")...)
	content = append(content, bytes.Repeat([]byte("y = 2;\n"), window/7)...)
	ms, _ := scanBytes(t, content)
	if len(ms) != 1 || ms[0].kind != PlaidClientID {
		t.Fatalf("want the client_id under plaid: found %d", len(ms))
	}
}

func TestBinaryAndUTF16(t *testing.T) {
	key := scantest.StripeKey("rk_live_")
	// A key in a binary-looking file is still a leak.
	bin := append([]byte("\x89PNG\r\n\x1a\n\x00\x00\x00"), []byte("tEXt "+key+"\x00\x01\x02")...)
	ms, isBin := scanBytes(t, bin)
	if !isBin || len(ms) != 1 || ms[0].line != 0 || ms[0].kind != StripeRestrictedKey {
		t.Errorf("binary: binary=%v matches=%d", isBin, len(ms))
	}
	// UTF-16 text (a Windows .reg or PowerShell export): found, lines kept.
	text := "line one\r\nline two\r\n$env:STRIPE_SECRET_KEY = \"" + key + "\"\r\n"
	var u16 bytes.Buffer
	u16.Write([]byte{0xFF, 0xFE})
	for _, c := range []byte(text) {
		u16.Write([]byte{c, 0})
	}
	ms, isBin = scanBytes(t, u16.Bytes())
	if !isBin || len(ms) != 1 || ms[0].line != 3 {
		t.Errorf("utf-16: binary=%v matches=%+v", isBin, ms)
	}
	// Random bytes produce no key by chance.
	noise := make([]byte, 1<<20)
	_, _ = rand.Read(noise)
	if ms, _ := scanBytes(t, noise); len(ms) != 0 {
		t.Errorf("random bytes gave %d matches", len(ms))
	}
}

func TestShortContent(t *testing.T) {
	key := scantest.WebhookSecret()
	content := []byte("a\nb\nwhsec = " + key + "\n")
	s := newBlobScanner(newDetector(nil))
	// The reader ends early (a file that shrank): what came is scanned and
	// the short read reported.
	ms, _, err := s.scan(bytes.NewReader(content), int64(len(content))+100)
	if err == nil || len(ms) != 1 || ms[0].line != 3 {
		t.Fatalf("short read: err=%v matches=%d", err, len(ms))
	}
}

func TestEveryKeyOnceWithItsVariable(t *testing.T) {
	key := scantest.StripeKey("sk_live_")
	content := strings.Repeat("k = "+key+"\n", 50)
	ms, _ := scanBytes(t, []byte(content), Value{Name: "STRIPE_SECRET_KEY", Source: ".env", Value: secret.Secret(key)})
	if len(ms) != 1 || ms[0].line != 1 || ms[0].env != 0 {
		t.Fatalf("want one match on line 1 with the variable: %+v", ms)
	}
}

// BenchmarkScanBlob is the cost per byte through the whole blob path:
// windows, detection, line counts.
func BenchmarkScanBlob(b *testing.B) {
	content := codeLike(4 << 20)
	s := newBlobScanner(newDetector(nil))
	b.SetBytes(int64(len(content)))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, _, err := s.scan(bytes.NewReader(content), int64(len(content))); err != nil {
			b.Fatal(err)
		}
	}
}
