package envfile

// loaderCase is a file a user may already have, and the update onboard makes
// to it. The values are made up; tests print them masked anyway.
type loaderCase struct {
	name string
	file string // "" with absent: no file yet
	sets []Set
}

// onboardSets is a typical run of the wizard: Plaid and Stripe keys, the
// values as the providers issue them.
var onboardSets = []Set{
	{Key: "PLAID_CLIENT_ID", Value: "5f2b0c9e8d7a6b5c4d3e2f10", Group: "Plaid"},
	{Key: "PLAID_SECRET", Value: "0a1b2c3d4e5f60718293a4b5c6d7e8", Group: "Plaid", Secret: true},
	{Key: "PLAID_ENV", Value: "sandbox", Group: "Plaid"},
	{Key: "PLAID_PRODUCTS", Value: "transactions,auth", Group: "Plaid"},
	{Key: "PLAID_COUNTRY_CODES", Value: "US,CA", Group: "Plaid"},
	{Key: "PLAID_REDIRECT_URI", Value: "https://localhost:3000/oauth?step=2&x=y", Group: "Plaid"},
	{Key: "STRIPE_SECRET_KEY", Value: "sk_test_51HxYzAbCdEfGhIjKlMnOpQrStUvWx", Group: "Stripe", Secret: true},
	{Key: "STRIPE_PUBLISHABLE_KEY", Value: "pk_test_51HxYzAbCdEfGhIjKlMnOpQrStUvWx", Group: "Stripe"},
	{Key: "STRIPE_WEBHOOK_SECRET", Value: "whsec_9f8e7d6c5b4a39281706", Group: "Stripe", Secret: true},
}

// hardValues are values no provider issues today but a Set may carry: each
// stresses one quoting rule of one loader.
var hardValues = []Set{
	{Key: "HARD_SPACES", Value: "two words  and  more", Group: "Hard"},
	{Key: "HARD_HASH", Value: "a#b", Group: "Hard"},
	{Key: "HARD_SPACE_HASH", Value: "a #b", Group: "Hard"},
	{Key: "HARD_EQUALS", Value: "a=b==", Group: "Hard"},
	{Key: "HARD_DOLLAR", Value: "pa$$word$HOME", Group: "Hard"},
	{Key: "HARD_SINGLE", Value: "it's", Group: "Hard"},
	{Key: "HARD_DOUBLE", Value: `say "hi"`, Group: "Hard"},
	{Key: "HARD_BOTH", Value: `it's "x"`, Group: "Hard"},
	{Key: "HARD_BACKSLASH", Value: `C:\path\to`, Group: "Hard"},
	{Key: "HARD_DOUBLE_BACKSLASH", Value: `a\\b`, Group: "Hard"},
	{Key: "HARD_TRAILING_BACKSLASH", Value: `C:\path\`, Group: "Hard"},
	{Key: "HARD_BACKSLASH_N", Value: `a\nb`, Group: "Hard"},
	{Key: "HARD_NEWLINE", Value: "line1\nline2", Group: "Hard"},
	{Key: "HARD_PEM", Value: "-----BEGIN KEY-----\nMIIBOgIBAAJBAKj34GkxFhD9\n-----END KEY-----\n", Group: "Hard"},
	{Key: "HARD_QUOTE_NEWLINE", Value: "it's\nhere", Group: "Hard"},
	{Key: "HARD_UNICODE", Value: "héllo ✓ 日本", Group: "Hard"},
	{Key: "HARD_TAB", Value: "a\tb", Group: "Hard"},
	{Key: "HARD_LEADING_SPACE", Value: "  padded  ", Group: "Hard"},
	{Key: "HARD_BACKTICK", Value: "`cmd`", Group: "Hard"},
	{Key: "HARD_EMPTY", Value: "", Group: "Hard"},
	{Key: "HARD_ONLY_QUOTE", Value: "'", Group: "Hard"},
}

// unportable are values no form carries to every loader: python-dotenv
// expands ${NAME} in every kind of quotes and has no escape for it, and
// Node deletes every CR in the file. onboard writes them for godotenv and
// LoaderNotes names the key and the loader.
var unportable = []Set{
	{Key: "HARD_BRACES", Value: "${PLAID_SECRET}", Group: "Hard"},
	{Key: "HARD_CR", Value: "a\rb", Group: "Hard"},
}

var loaderCases = []loaderCase{
	{name: "new file", file: ""},
	{name: "plain", file: "APP_NAME=shop\nPORT=8080\n"},
	{name: "no final newline", file: "APP_NAME=shop\nPORT=8080"},
	{name: "multiline values", file: "CERT=\"-----BEGIN-----\nabc\n-----END-----\"\nKEY='line1\nline2'\nNEXT=1\n"},
	{name: "quotes", file: "A='single # not a comment'\nB=\"double $x\"\nC=\"esc \\\"q\\\" \\\\ end\"\nD=\"it's\"\n"},
	{name: "export", file: "export A=1\nexport B='two'\nexport  C=3\n"},
	{name: "crlf", file: "# windows\r\nA=1\r\nB='two'\r\n\r\nC=\"x\\ny\"\r\n"},
	{name: "lone cr", file: "A=1\rB=2\rC=3\r"},
	{name: "lone cr before a multi-line value", file: "PLAID_ENV=production\rCERT=\"-----BEGIN-----\nabc\"\nPORT=8080\n"},
	{name: "bom", file: "\ufeffFIRST=1\nSECOND=2\n"},
	{name: "duplicates", file: "PLAID_ENV=production\nA=1\nA=2\nPLAID_ENV=development\n"},
	{name: "expansion", file: "BASE=https://api.example.com\nURL=${BASE}/v1\nRAW=$BASE/raw\nQ='${BASE}'\n"},
	{name: "comments", file: "# top\nA=1 # inline\nB=2#tight\n  # indented comment\nC=3\n# end\n"},
	{name: "inline hash", file: "A=a#b\nB=a #b\nC='c#d'\nD=\"d # e\"\n"},
	{name: "whitespace-only line in the middle", file: "A=1\n   \nB=2\n"},
	{name: "whitespace-only line at the end", file: "A=1\nB=2\n  \t\n"},
	{name: "indented comment at the end", file: "A=1\n  # old keys below were removed\n"},
	{name: "colon line in the middle", file: "A=1\nB: 2\nC=3\n"},
	{name: "colon line at the end", file: "A=1\nB: 2\n"},
	{name: "empty values", file: "A=\nB=''\nC=\"\"\nD= \n"},
	{name: "values with = # quotes backslashes", file: "DSN=postgres://u:p@h/db?sslmode=require\nWIN='C:\\dir\\sub'\nX=a\\b\n"},
	{name: "unicode", file: "NAME=héllo\nJP='日本語'\n"},
	{name: "tab after equals", file: "A=\t'x'\nB=2\n"},
	{name: "onboard keys already there", file: "PLAID_CLIENT_ID=old # from the dashboard\nPLAID_SECRET='old'\n\n# Stripe (added by onboard)\nSTRIPE_SECRET_KEY=\"sk_test_old\"\n"},
	{name: "onboard key first in a bom file", file: "\ufeffPLAID_ENV=production\nA=1\n"},
	{name: "hard values", file: "A=1\n", sets: hardValues},
	{name: "hard values after a whitespace-only line", file: "A=1\n \n", sets: hardValues},
	{name: "unportable values", file: "A=1\n", sets: unportable},
}

func (c loaderCase) updates() []Set {
	if c.sets != nil {
		return c.sets
	}
	return onboardSets
}
