package teamfile

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/onboard-dev/onboard/internal/providers"
	"github.com/onboard-dev/onboard/internal/registry"
	"github.com/onboard-dev/onboard/internal/testkit/leakcheck"
)

func known() []providers.Provider { return registry.Build(registry.All(), providers.Config{}, nil) }

func example() *File {
	return &File{
		Building: "saas",
		Services: []providers.ID{"plaid", "stripe"},
		Settings: map[string]string{"PLAID_ENV": "sandbox", "PLAID_PRODUCTS": "auth,transactions", "PLAID_COUNTRY_CODES": "US,CA"},
		Variables: Variables{Required: []string{"PLAID_CLIENT_ID", "PLAID_SECRET", "STRIPE_SECRET_KEY"},
			Optional: []string{"STRIPE_WEBHOOK_SECRET"}},
	}
}

func write(t *testing.T, content string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), Name)
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestRoundTrip(t *testing.T) {
	p := filepath.Join(t.TempDir(), Name)
	if err := Write(p, example(), known()); err != nil {
		t.Fatal(err)
	}
	fi, _ := os.Stat(p)
	if fi.Mode().Perm() != 0o644 {
		t.Errorf("mode %o, want 644 (it is committed)", fi.Mode().Perm())
	}
	got, err := Read(p, known())
	if err != nil {
		t.Fatal(err)
	}
	want := example()
	want.Schema, want.Version = SchemaURL, Version
	if !reflect.DeepEqual(got, want) {
		t.Errorf("read back %+v, want %+v", got, want)
	}
	if f, err := Read(filepath.Join(t.TempDir(), Name), known()); f != nil || err != nil {
		t.Errorf("a missing file: %v, %v", f, err)
	}
}

// Every mistake names the file and the place in it, and says what to do.
func TestErrorsNameTheFileAndThePlace(t *testing.T) {
	cases := map[string]struct{ content, field, says string }{
		"unknown key":       {`{"version":1,"services":[],"variables":{"required":[]},"colour":"red"}`, "colour", "not part of the format"},
		"unknown nested":    {`{"version":1,"services":[],"variables":{"required":[],"maybe":[]}}`, "variables.maybe", "not part of the format"},
		"wrong type":        {`{"version":1,"services":"plaid","variables":{"required":[]}}`, "services", "must be a list"},
		"newer version":     {`{"version":2,"services":[],"variables":{"required":[]}}`, "version", "newer onboard"},
		"no version":        {`{"services":[],"variables":{"required":[]}}`, "version", "missing"},
		"name of another":   {`{"version":1,"services":["stripe"],"variables":{"required":[]},"names":{"STRIPE_PUBLISHABLE_KEY":"AWS_SECRET_ACCESS_KEY"}}`, "names.STRIPE_PUBLISHABLE_KEY", "with a framework's public prefix"},
		"other framework":   {`{"version":1,"services":["stripe"],"variables":{"required":[]},"framework":"vite","names":{"STRIPE_PUBLISHABLE_KEY":"NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY"}}`, "names.STRIPE_PUBLISHABLE_KEY", "public prefix"},
		"unknown framework": {`{"version":1,"services":[],"variables":{"required":[]},"framework":"rails"}`, "framework", "not a framework onboard knows"},
		"unknown building":  {`{"version":1,"building":"bakery","services":[],"variables":{"required":[]}}`, "building", "not one of the answers"},
		"unknown service":   {`{"version":1,"services":["paypal"],"variables":{"required":[]}}`, "services[0]", "not a service onboard knows"},
		"bad setting":       {`{"version":1,"services":["plaid"],"settings":{"PLAID_ENV":"development"},"variables":{"required":[]}}`, "settings.PLAID_ENV", "retired"},
		"credential":        {`{"version":1,"services":["plaid"],"settings":{"PLAID_SECRET":"x"},"variables":{"required":[]}}`, "settings.PLAID_SECRET", "each teammate sets it"},
		"unknown variable":  {`{"version":1,"services":["plaid"],"variables":{"required":["STRIPE_SECRET_KEY"]}}`, "variables.required[0]", "not a variable of the services"},
		"syntax":            {"{\"version\":1,\n \"services\": [,]}", "", "line 2"},
		"secret in setting": {`{"version":1,"services":["plaid"],"settings":{"PLAID_REDIRECT_URI":"sk_live_0123456789abcdefghijABCD"},"variables":{"required":[]}}`, "settings.PLAID_REDIRECT_URI", "looks like a secret"},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			p := write(t, c.content)
			_, err := Read(p, known())
			var te *Error
			if !errors.As(err, &te) || te.Path != p || te.Field != c.field || !strings.Contains(err.Error(), c.says) {
				t.Fatalf("got %v (%#v), want field %q saying %q", err, te, c.field, c.says)
			}
			leakcheck.AssertNoLeak(t, name, []byte(err.Error()), "sk_live_0123456789abcdefghijABCD")
		})
	}
}

// A secret is refused when the file is written, too.
func TestWriteRefusesSecrets(t *testing.T) {
	f := example()
	f.Settings["PLAID_REDIRECT_URI"] = "sk_test_0123456789abcdefghijABCD"
	p := filepath.Join(t.TempDir(), Name)
	if err := Write(p, f, known()); err == nil {
		t.Fatal("a secret was written into onboard.json")
	}
	if _, err := os.Stat(p); !os.IsNotExist(err) {
		t.Fatal("a file was left")
	}
}

func TestChanges(t *testing.T) {
	a, b := example(), example()
	b.Settings = map[string]string{"PLAID_ENV": "production", "PLAID_PRODUCTS": "auth,transactions", "PLAID_COUNTRY_CODES": "US,CA"}
	b.Services = []providers.ID{"plaid", "stripe", "connect"}
	got := strings.Join(Changes(a, b), "\n")
	for _, want := range []string{"services: plaid, stripe → plaid, stripe, connect", "setting PLAID_ENV: sandbox → production"} {
		if !strings.Contains(got, want) {
			t.Errorf("changes lack %q:\n%s", want, got)
		}
	}
	if len(Changes(a, example())) != 0 {
		t.Error("equal files differ")
	}
}

// The schema that ships in assets/ and the Go types cannot drift: the same
// keys at each level, the same version, the registry's services, and the
// files Marshal writes are valid against it while broken ones are not.
func TestSchemaMatchesTheTypes(t *testing.T) {
	raw, err := os.ReadFile(filepath.Join("..", "..", "assets", "onboard.schema.json"))
	if err != nil {
		t.Fatal(err)
	}
	var schema struct {
		ID         string `json:"$id"`
		Properties map[string]struct {
			Maximum    *int     `json:"maximum"`
			Enum       []string `json:"enum"`
			Properties map[string]any
			Items      struct {
				Enum []string `json:"enum"`
			} `json:"items"`
		} `json:"properties"`
	}
	if err := json.Unmarshal(raw, &schema); err != nil {
		t.Fatal(err)
	}
	if schema.ID != SchemaURL {
		t.Errorf("$id %s, want %s", schema.ID, SchemaURL)
	}
	if got, want := keys(schema.Properties), tags(reflect.TypeOf(File{})); !slices.Equal(got, want) {
		t.Errorf("schema properties %v, File fields %v", got, want)
	}
	if got, want := keysAny(schema.Properties["variables"].Properties), tags(reflect.TypeOf(Variables{})); !slices.Equal(got, want) {
		t.Errorf("schema variables %v, Variables fields %v", got, want)
	}
	if m := schema.Properties["version"].Maximum; m == nil || *m != Version {
		t.Errorf("schema's version maximum %v, want %d", m, Version)
	}
	var ids []string
	for _, e := range registry.All() {
		ids = append(ids, string(e.Spec.ID))
	}
	if got := schema.Properties["services"].Items.Enum; !slices.Equal(got, ids) {
		t.Errorf("schema services %v, registry %v", got, ids)
	}
	var buildings []string
	for _, b := range providers.Buildings {
		buildings = append(buildings, string(b))
	}
	if got := schema.Properties["building"].Enum; !slices.Equal(got, buildings) {
		t.Errorf("schema building %v, providers.Buildings %v", got, buildings)
	}

	c := jsonschema.NewCompiler()
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(raw))
	if err != nil {
		t.Fatal(err)
	}
	if err := c.AddResource(SchemaURL, doc); err != nil {
		t.Fatal(err)
	}
	sch, err := c.Compile(SchemaURL)
	if err != nil {
		t.Fatal(err)
	}
	valid := func(b []byte) error {
		v, err := jsonschema.UnmarshalJSON(bytes.NewReader(b))
		if err != nil {
			return err
		}
		return sch.Validate(v)
	}
	if err := valid(example().Marshal()); err != nil {
		t.Errorf("what Marshal writes is not valid against the schema: %v", err)
	}
	if err := valid((&File{}).Marshal()); err != nil {
		t.Errorf("an empty file is not valid against the schema: %v", err)
	}
	for _, bad := range []string{`{"version":2,"services":[],"variables":{"required":[]}}`, `{"version":1,"services":[],"variables":{"required":[]},"x":1}`} {
		if valid([]byte(bad)) == nil {
			t.Errorf("the schema accepts %s", bad)
		}
	}
}

func tags(t reflect.Type) []string {
	var out []string
	for i := range t.NumField() {
		out = append(out, strings.Split(t.Field(i).Tag.Get("json"), ",")[0])
	}
	sort.Strings(out)
	return out
}

func keys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

func keysAny(m map[string]any) []string { return keys(m) }

// The README's example team file is one onboard reads.
func TestReadmeExampleParses(t *testing.T) {
	raw, err := os.ReadFile(filepath.Join("..", "..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	_, after, ok := strings.Cut(string(raw), "```json\n")
	block, _, ok2 := strings.Cut(after, "```")
	if !ok || !ok2 {
		t.Fatal("the README has no json block")
	}
	if _, err := Parse([]byte(block), "README.md", known()); err != nil {
		t.Errorf("the README's onboard.json does not parse: %v", err)
	}
}
