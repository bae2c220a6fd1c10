// Package reliability holds onboard's reliability and security suite: tests
// that cross packages and run the real binary — fuzz targets for the format
// rules, every flow run with distinctive secrets and scanned for leaks, and
// the wizard in hostile terminals (tiny, resized, dumb, no TTY). It has no
// code of its own; scripts/reliability.sh runs it and prints the figures.
package reliability
