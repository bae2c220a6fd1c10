package plaid

import (
	"context"
	"errors"
	"regexp"
	"slices"
)

// DefaultInstitution is First Platypus Bank, the Sandbox test bank that
// offers the most products.
const DefaultInstitution = "ins_109508"

// SandboxInstitution is a Sandbox test bank and the country to look it up in.
type SandboxInstitution struct {
	ID      string
	Name    string // for messages before Plaid has named it
	Country string
}

// SandboxInstitutions are the healthy Sandbox test banks, in the order they
// are tried when the first lacks a chosen product (candidates reorders
// them for the products and countries chosen). The GB banks serve the UK
// and European products (plaid.com/docs/sandbox/institutions, via
// provider-facts.md).
var SandboxInstitutions = []SandboxInstitution{
	{DefaultInstitution, "First Platypus Bank", "US"},
	{"ins_109509", "First Gingham Credit Union", "US"},
	{"ins_109510", "Tattersall Federal Credit Union", "US"},
	{"ins_109511", "Tartan Bank", "US"},
	{"ins_109512", "Houndstooth Bank", "US"},
	{"ins_43", "Tartan-Dominion Bank of Canada", "CA"},
	{"ins_117650", "Royal Bank of Plaid", "GB"},
	{"ins_116834", "Flexible Platypus Open Banking", "GB"},
}

// candidates orders the test banks for a Sandbox Item: first those in the
// region of every regional product chosen (a UK-only product is tried at a
// GB bank), then those in the chosen countries, each group in the list's
// order. With the usual US products and US,CA that is the list as it is.
func candidates(products, countries []string) []SandboxInstitution {
	score := func(in SandboxInstitution) int {
		s := 0
		for _, p := range products {
			if only, _, ok := regionOf(p); ok && !contains(only, in.Country) {
				s -= 2
			}
		}
		if !contains(countries, in.Country) {
			s--
		}
		return s
	}
	out := slices.Clone(SandboxInstitutions)
	slices.SortStableFunc(out, func(a, b SandboxInstitution) int { return score(b) - score(a) })
	return out
}

// Token shapes: [type]-[environment]-[RFC 4122 uuid].
var (
	uuidPattern      = `[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}`
	PublicTokenShape = regexp.MustCompile(`^public-sandbox-` + uuidPattern + `$`)
	AccessTokenShape = regexp.MustCompile(`^access-sandbox-` + uuidPattern + `$`)
	// LinkTokenShape is a link token of either environment; the
	// environment part must be the one the keys are for.
	LinkTokenShape = regexp.MustCompile(`^link-(sandbox|production)-` + uuidPattern + `$`)
)

// pickInstitution finds the Sandbox test bank among cands that offers the
// most of the wanted products, asking Plaid (/institutions/get_by_id) rather than
// trusting a list that may drift. It stops at the first bank that offers
// them all. missing lists the products no bank asked offers.
func pickInstitution(ctx context.Context, c *client, wanted []string, cands []SandboxInstitution) (best Institution, missing []string, err error) {
	found := false
	for _, cand := range cands {
		inst, err := c.institutionByID(ctx, cand.ID, []string{cand.Country})
		if err != nil {
			var pe *Error
			if errors.As(err, &pe) && (pe.ErrorCode == "INVALID_INSTITUTION" || pe.ErrorCode == "INSTITUTION_NOT_ENABLED_IN_ENVIRONMENT") {
				continue // gone from Sandbox: try the next one
			}
			return Institution{}, nil, err
		}
		lacks := without(wanted, inst.Products)
		if !found || len(lacks) < len(missing) {
			best, missing, found = inst, lacks, true
		}
		if len(missing) == 0 {
			break
		}
	}
	if !found {
		return Institution{}, nil, &Error{ErrorType: "INVALID_INPUT", ErrorCode: "INVALID_INSTITUTION",
			ErrorMessage: "none of the Sandbox test banks is known at this address"}
	}
	return best, missing, nil
}
