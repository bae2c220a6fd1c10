package plaid

import (
	"context"
	"errors"
	"regexp"
)

// DefaultInstitution is First Platypus Bank, the Sandbox test bank that
// offers the most products.
const DefaultInstitution = "ins_109508"

// SandboxInstitution is a Sandbox test bank and the country to look it up in.
type SandboxInstitution struct {
	ID      string
	Country string
}

// SandboxInstitutions are the healthy Sandbox test banks, in the order they
// are tried when the first lacks a chosen product.
var SandboxInstitutions = []SandboxInstitution{
	{DefaultInstitution, "US"}, // First Platypus Bank
	{"ins_109509", "US"},       // First Gingham Credit Union
	{"ins_109510", "US"},       // Tattersall Federal Credit Union
	{"ins_109511", "US"},       // Tartan Bank
	{"ins_109512", "US"},       // Houndstooth Bank
	{"ins_43", "CA"},           // Tartan-Dominion Bank of Canada
}

// Token shapes: [type]-[environment]-[RFC 4122 uuid].
var (
	uuidPattern      = `[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}`
	PublicTokenShape = regexp.MustCompile(`^public-sandbox-` + uuidPattern + `$`)
	AccessTokenShape = regexp.MustCompile(`^access-sandbox-` + uuidPattern + `$`)
)

// pickInstitution finds the Sandbox test bank that offers the most of the
// wanted products, asking Plaid (/institutions/get_by_id) rather than
// trusting a list that may drift. It stops at the first bank that offers
// them all. missing lists the products no bank asked offers.
func pickInstitution(ctx context.Context, c *client, wanted []string) (best Institution, missing []string, err error) {
	found := false
	for _, cand := range SandboxInstitutions {
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
