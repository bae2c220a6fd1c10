//go:build tools

// This file pins the libraries the project is built on, so `go mod tidy`
// keeps them while the packages that use them are written.
package main

import (
	_ "github.com/charmbracelet/bubbles/textinput"
	_ "github.com/charmbracelet/bubbletea"
	_ "github.com/charmbracelet/lipgloss"
	_ "github.com/charmbracelet/x/exp/teatest"
	_ "github.com/gofrs/flock"
	_ "github.com/joho/godotenv"
	_ "golang.org/x/term"
)
