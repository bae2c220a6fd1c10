package secret

import (
	"slices"
	"testing"
)

func TestInEnvironment(t *testing.T) {
	environ := []string{
		// Named as secrets.
		"PLAID_SECRET=0a1b2c3d4e5f60718293a4b5c6d7e8",
		"AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMIK7MDENGbPxRfiCYzQ9vTq3Lw8Zs",
		"GITHUB_TOKEN=plainlettersonly",
		"db_password=correct horse battery",
		"OPENAI_API_KEY=abcdefghijkl",
		"MYSECRETTHING=lowercaseword",
		// Shaped like a key, whatever the name.
		"BUILD_NOTE=Zk3pQ9xV2mT7wL4nR8sY",
		"INVOCATION_ID=3f2a9c81d07b4e5a9f6c2b1e",
		// A URL with a password: the password.
		"HTTPS_PROXY=http://ada:pr0xy-Passw0rd@proxy.internal:3128",
		// None of these.
		"PATH=/usr/local/bin:/usr/bin:/bin",
		"HOME=/home/ada",
		"PWD=/home/ada/Projects/Shop2024",
		"OLDPWD=/home/ada/Projects/Shop2023",
		"LANG=en_US.UTF-8",
		"TERM=xterm-256color",
		"SHELL=/bin/bash",
		"EDITOR=vim",
		"API_KEY=short",
		"LS_COLORS=rs=0:di=01;34:ln=01;36:mh=00:pi=40;33",
		"GOPATH=/Users/Ada2024/go/workspace",
		"NO_PROXY=localhost,127.0.0.1,.internal",
		"broken",
	}
	got := InEnvironment(environ)
	want := []string{
		"0a1b2c3d4e5f60718293a4b5c6d7e8",
		"wJalrXUtnFEMIK7MDENGbPxRfiCYzQ9vTq3Lw8Zs",
		"plainlettersonly",
		"correct horse battery",
		"abcdefghijkl",
		"lowercaseword",
		"Zk3pQ9xV2mT7wL4nR8sY",
		"3f2a9c81d07b4e5a9f6c2b1e",
		"pr0xy-Passw0rd",
	}
	if !slices.Equal(got, want) {
		t.Errorf("InEnvironment =\n%q\nwant\n%q", got, want)
	}
}
