package ui

import (
	"context"
	"os"
	"os/exec"
	"runtime"

	tea "github.com/charmbracelet/bubbletea"
)

// openedMsg says how opening a link went.
type openedMsg struct{ note string }

// openURL starts the system's opener without waiting for it; the link is
// on screen anyway, so a missing browser only earns a note.
func openURL(url string) tea.Cmd {
	return func() tea.Msg {
		name := "xdg-open"
		switch runtime.GOOS {
		case "darwin":
			name = "open"
		case "linux", "freebsd", "openbsd", "netbsd":
			if os.Getenv("DISPLAY") == "" && os.Getenv("WAYLAND_DISPLAY") == "" {
				return openedMsg{note: "No browser here (no display): copy the link above."}
			}
		}
		path, err := exec.LookPath(name)
		if err != nil {
			return openedMsg{note: "No " + name + " here to open a browser: copy the link above."}
		}
		// Not bound to the program's context: the browser it starts may
		// outlive onboard.
		cmd := exec.CommandContext(context.Background(), path, url)
		if err := cmd.Start(); err != nil {
			return openedMsg{note: "Could not open a browser (" + err.Error() + "): copy the link above."}
		}
		go func() { _ = cmd.Wait() }()
		return openedMsg{note: "Opened in your browser."}
	}
}
