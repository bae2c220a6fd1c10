// Command floordeps is the floor program (../minimal) with every package
// onboard's main imports linked in and initialised, and nothing else done.
// `make bench` times it next to both: the gap from the floor is what the
// dependencies cost at start-up (binary size, package init), the gap to
// onboard is what onboard's own start-up work costs.
package main

import (
	_ "github.com/onboard-dev/onboard/internal/check"
	_ "github.com/onboard-dev/onboard/internal/demo"
	_ "github.com/onboard-dev/onboard/internal/providers/plaid"
	_ "github.com/onboard-dev/onboard/internal/providers/stripe"
	_ "github.com/onboard-dev/onboard/internal/readiness"
	_ "github.com/onboard-dev/onboard/internal/steps"
	_ "github.com/onboard-dev/onboard/internal/ui"

	"github.com/onboard-dev/onboard/bench/floor"
)

func main() { floor.Main("floordeps") }
