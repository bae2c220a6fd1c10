// Package framework recognises the app's web framework from its
// package.json, for two things onboard must get right about it: the prefix
// under which the framework hands a variable to browser code
// (NEXT_PUBLIC_…), and the .env files it reads with a higher precedence than
// .env, which would shadow what onboard writes.
package framework

import (
	"encoding/json"
	"strings"
)

// Framework is one the wizard knows.
type Framework struct {
	ID   string // recorded in onboard.json: "nextjs"
	Name string // for people: "Next.js"
	// PublicPrefix is put before a variable's name to expose it to browser
	// code; "" when the framework has none (values reach the browser
	// through server code).
	PublicPrefix string
	// Shadows are the files the framework loads in development with a
	// higher precedence than .env, highest first.
	Shadows []string
	// Docs is where the framework explains its environment variables.
	Docs string
}

// viteLike frameworks load .env files as Vite does.
var viteShadows = []string{".env.development.local", ".env.local", ".env.development"}

// known, in the order they are tried: a Next.js app also depends on react,
// so the specific ones come first.
var known = []struct {
	deps []string // any of these dependencies means the framework
	fw   Framework
}{
	{[]string{"next"}, Framework{ID: "nextjs", Name: "Next.js", PublicPrefix: "NEXT_PUBLIC_", Shadows: viteShadows,
		Docs: "https://nextjs.org/docs/app/guides/environment-variables"}},
	{[]string{"nuxt"}, Framework{ID: "nuxt", Name: "Nuxt", PublicPrefix: "NUXT_PUBLIC_", Shadows: viteShadows,
		Docs: "https://nuxt.com/docs/guide/going-further/runtime-config"}},
	{[]string{"expo"}, Framework{ID: "expo", Name: "Expo", PublicPrefix: "EXPO_PUBLIC_", Shadows: viteShadows,
		Docs: "https://docs.expo.dev/guides/environment-variables/"}},
	{[]string{"@sveltejs/kit"}, Framework{ID: "sveltekit", Name: "SvelteKit", PublicPrefix: "PUBLIC_", Shadows: viteShadows,
		Docs: "https://svelte.dev/docs/kit/$env-static-public"}},
	{[]string{"astro"}, Framework{ID: "astro", Name: "Astro", PublicPrefix: "PUBLIC_", Shadows: viteShadows,
		Docs: "https://docs.astro.build/en/guides/environment-variables/"}},
	{[]string{"@remix-run/node", "@remix-run/react", "@remix-run/dev"}, Framework{ID: "remix", Name: "Remix", Shadows: nil,
		Docs: "https://remix.run/docs/en/main/guides/envvars"}},
	{[]string{"react-scripts"}, Framework{ID: "cra", Name: "Create React App", PublicPrefix: "REACT_APP_", Shadows: viteShadows,
		Docs: "https://create-react-app.dev/docs/adding-custom-environment-variables/"}},
	{[]string{"vite"}, Framework{ID: "vite", Name: "Vite", PublicPrefix: "VITE_", Shadows: viteShadows,
		Docs: "https://vite.dev/guide/env-and-mode"}},
}

// Detect reads a package.json and names its framework; ok is false for
// none onboard knows (or a file that is not JSON).
func Detect(packageJSON []byte) (Framework, bool) {
	var pkg struct {
		Dependencies    map[string]json.RawMessage `json:"dependencies"`
		DevDependencies map[string]json.RawMessage `json:"devDependencies"`
	}
	if json.Unmarshal(packageJSON, &pkg) != nil {
		return Framework{}, false
	}
	for _, k := range known {
		for _, d := range k.deps {
			_, dep := pkg.Dependencies[d]
			_, dev := pkg.DevDependencies[d]
			if dep || dev {
				return k.fw, true
			}
		}
	}
	return Framework{}, false
}

// ByID is the framework recorded as id ("" or unknown: ok false).
func ByID(id string) (Framework, bool) {
	for _, k := range known {
		if k.fw.ID == id {
			return k.fw, true
		}
	}
	return Framework{}, false
}

// PublicPrefixes are every known framework's public prefix: a secret must
// never be written under a name that starts with one.
func PublicPrefixes() []string {
	var out []string
	for _, k := range known {
		if k.fw.PublicPrefix != "" && !contains(out, k.fw.PublicPrefix) {
			out = append(out, k.fw.PublicPrefix)
		}
	}
	return out
}

// IsPublicName reports whether some framework would hand a variable of
// this name to browser code.
func IsPublicName(name string) bool { return PublicPrefixOf(name) != "" }

// PublicPrefixOf is the longest public prefix name starts with ("" when
// none): NEXT_PUBLIC_ for NEXT_PUBLIC_STRIPE_KEY, not PUBLIC_.
func PublicPrefixOf(name string) string {
	best := ""
	for _, p := range PublicPrefixes() {
		if strings.HasPrefix(name, p) && len(p) > len(best) {
			best = p
		}
	}
	return best
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
