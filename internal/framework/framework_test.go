package framework

import "testing"

func TestDetect(t *testing.T) {
	cases := map[string]string{
		`{"dependencies":{"next":"15.0.0","react":"19.0.0"}}`:      "nextjs",
		`{"devDependencies":{"vite":"7.0.0"},"dependencies":{}}`:   "vite",
		`{"dependencies":{"@sveltejs/kit":"2.0.0","vite":"7"}}`:    "sveltekit",
		`{"dependencies":{"react-scripts":"5.0.1"}}`:               "cra",
		`{"dependencies":{"expo":"52.0.0","react-native":"0.76"}}`: "expo",
		`{"dependencies":{"@remix-run/node":"2.0.0"}}`:             "remix",
		`{"dependencies":{"express":"4"}}`:                         "",
		`not json`:                                                 "",
	}
	for pkg, want := range cases {
		fw, ok := Detect([]byte(pkg))
		if got := fw.ID; got != want || ok != (want != "") {
			t.Errorf("%s: %q (%v), want %q", pkg, got, ok, want)
		}
	}
}

func TestPublicNames(t *testing.T) {
	for _, name := range []string{"NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY", "VITE_X", "EXPO_PUBLIC_X", "REACT_APP_X", "PUBLIC_X"} {
		if !IsPublicName(name) {
			t.Errorf("%s is not seen as public", name)
		}
	}
	if IsPublicName("STRIPE_SECRET_KEY") {
		t.Error("a plain name is seen as public")
	}
	if fw, ok := ByID("nextjs"); !ok || fw.PublicPrefix != "NEXT_PUBLIC_" {
		t.Errorf("ByID: %+v", fw)
	}
}

func TestPublicPrefixOfIsTheLongest(t *testing.T) {
	for name, want := range map[string]string{
		"NEXT_PUBLIC_STRIPE_SECRET_KEY": "NEXT_PUBLIC_",
		"PUBLIC_STRIPE_SECRET_KEY":      "PUBLIC_",
		"STRIPE_SECRET_KEY":             "",
	} {
		if got := PublicPrefixOf(name); got != want {
			t.Errorf("PublicPrefixOf(%s) = %q, want %q", name, got, want)
		}
	}
}
