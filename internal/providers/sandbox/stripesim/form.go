package stripesim

import (
	"sort"
	"strings"
)

// decodeForm turns Stripe's bracket notation into nested maps:
// "capabilities[transfers][requested]=true" becomes
// {"capabilities": {"transfers": {"requested": "true"}}}, and "expand[]=a"
// becomes {"expand": ["a"]}. A key used both as a value and as a map is a
// conflict Stripe rejects; the first bad key is returned.
func decodeForm(form map[string][]string) (map[string]any, string) {
	out := map[string]any{}
	keys := make([]string, 0, len(form))
	for k := range form {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		path, ok := splitKey(k)
		if !ok {
			return nil, k
		}
		for _, v := range form[k] {
			if !insert(out, path, v) {
				return nil, k
			}
		}
	}
	return out, ""
}

// splitKey reads "a[b][c]" as [a b c] and "a[]" as [a ""].
func splitKey(k string) ([]string, bool) {
	i := strings.IndexByte(k, '[')
	if i < 0 {
		return []string{k}, k != ""
	}
	path := []string{k[:i]}
	rest := k[i:]
	for rest != "" {
		if rest[0] != '[' {
			return nil, false
		}
		j := strings.IndexByte(rest, ']')
		if j < 0 {
			return nil, false
		}
		path = append(path, rest[1:j])
		rest = rest[j+1:]
	}
	return path, path[0] != ""
}

func insert(m map[string]any, path []string, v string) bool {
	head := path[0]
	if len(path) == 1 {
		if _, exists := m[head]; exists {
			return false
		}
		m[head] = v
		return true
	}
	if path[1] == "" && len(path) == 2 {
		list, _ := m[head].([]string)
		if _, isOther := m[head]; isOther && list == nil {
			return false
		}
		m[head] = append(list, v)
		return true
	}
	sub, ok := m[head].(map[string]any)
	if !ok {
		if _, exists := m[head]; exists {
			return false
		}
		sub = map[string]any{}
		m[head] = sub
	}
	return insert(sub, path[1:], v)
}

// unknownParam names the first parameter outside allowed, in Stripe's
// bracket spelling, or "".
func unknownParam(params map[string]any, allowed map[string]bool) string {
	keys := make([]string, 0, len(params))
	for k := range params {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		if !allowed[k] {
			return k
		}
	}
	return ""
}
