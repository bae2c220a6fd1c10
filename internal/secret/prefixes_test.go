package secret

// The providers register their own credential heads when their packages
// are initialised; these tests stand in for them with the usual ones.
func init() {
	RegisterPrefixes("sk_test_", "sk_live_", "pk_test_", "pk_live_", "rk_test_", "rk_live_",
		"whsec_", "ca_", "acct_", "we_",
		"access-sandbox-", "access-production-", "public-sandbox-", "link-sandbox-")
}
