package gitsafe

import (
	"slices"
	"testing"
)

func TestNoFiltersTurnsOffEveryDriverNamed(t *testing.T) {
	listing := "filter.lfs.process\x00filter.lfs.required\x00filter.odd=name.x.clean\x00filter.nodriver\x00"
	got := NoFilters(listing)
	want := []string{
		"GIT_CONFIG_KEY_0=filter.lfs.clean", "GIT_CONFIG_VALUE_0=",
		"GIT_CONFIG_KEY_1=filter.lfs.smudge", "GIT_CONFIG_VALUE_1=",
		"GIT_CONFIG_KEY_2=filter.lfs.process", "GIT_CONFIG_VALUE_2=",
		"GIT_CONFIG_KEY_3=filter.lfs.required", "GIT_CONFIG_VALUE_3=false",
		"GIT_CONFIG_KEY_4=filter.odd=name.x.clean", "GIT_CONFIG_VALUE_4=",
		"GIT_CONFIG_KEY_5=filter.odd=name.x.smudge", "GIT_CONFIG_VALUE_5=",
		"GIT_CONFIG_KEY_6=filter.odd=name.x.process", "GIT_CONFIG_VALUE_6=",
		"GIT_CONFIG_KEY_7=filter.odd=name.x.required", "GIT_CONFIG_VALUE_7=false",
		"GIT_CONFIG_COUNT=8",
	}
	if !slices.Equal(got, want) {
		t.Errorf("NoFilters =\n%q\nwant\n%q", got, want)
	}
	if got := NoFilters(""); got != nil {
		t.Errorf("no drivers: %q", got)
	}
}

func TestDubiousOwnership(t *testing.T) {
	dir := "/srv/shared/it's here"
	if f, ok := DubiousOwnership("fatal: detected dubious ownership in repository at '/srv/a b'\n", dir); !ok || f != "/srv/a b" {
		t.Errorf("named: %q %v", f, ok)
	}
	if f, ok := DubiousOwnership("fatal: detected dubious ownership\n", dir); !ok || f != dir {
		t.Errorf("unnamed: %q %v", f, ok)
	}
	if _, ok := DubiousOwnership("fatal: not a git repository\n", dir); ok {
		t.Error("another refusal taken for dubious ownership")
	}
}

func TestReason(t *testing.T) {
	if r := Reason("hint: x\nerror: first\nfatal: second\n"); r != "error: first" {
		t.Errorf("Reason = %q", r)
	}
	if r := Reason("warning: only\n"); r != "" {
		t.Errorf("Reason = %q", r)
	}
}
