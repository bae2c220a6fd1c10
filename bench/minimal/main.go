// Command minimal is the floor of onboard's stack: a bubbletea v1 program
// that renders one static line and quits on q. `make bench` times its
// start-up next to onboard's, so the comparison shows what onboard itself
// adds to the cost of the framework.
package main

import "github.com/onboard-dev/onboard/bench/floor"

func main() { floor.Main("minimal") }
