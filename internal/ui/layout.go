package ui

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
)

// scroll is how far a screen's explanatory text is scrolled. A screen lays
// itself out with fit: what it asks (the options, the buttons, the key
// line) is pinned and always whole; the text around it scrolls, with a
// marker for what is out of view.
type scroll struct {
	// want is the offset asked for; offset is what the last layout could
	// give (a layout may run twice for one frame, at two heights: the
	// second must not inherit the first one's clamp).
	want   int
	offset int  // explanatory lines hidden above
	maxOff int  // the largest offset the last layout allowed
	page   int  // lines of text the last layout showed
	over   bool // the last layout did not fit: the footer names the keys
	follow bool // the next layout brings the pinned part's surroundings into view
}

// scroller is a screen that scrolls; the root routes the page keys to it
// and names them in the footer while something is out of view.
type scroller interface{ scroller() *scroll }

func (s *scroll) scroller() *scroll { return s }

func (s *scroll) by(d int) { s.scrollTo(min(max(s.want, 0), s.maxOff) + d) }

// scrollTo asks for n lines hidden above, within what the last layout
// allowed.
func (s *scroll) scrollTo(n int) { s.want = min(max(n, 0), s.maxOff) }

// key scrolls for the page keys, and for ↑/↓ when the screen has no other
// use for them; it reports whether it took the key.
func (s *scroll) key(k tea.KeyMsg, keys KeyMap, arrows bool) bool {
	switch {
	case key.Matches(k, keys.PageDown):
		s.by(max(s.page-1, 1))
	case key.Matches(k, keys.PageUp):
		s.by(-max(s.page-1, 1))
	case arrows && key.Matches(k, keys.Down):
		s.by(1)
	case arrows && key.Matches(k, keys.Up):
		s.by(-1)
	default:
		return false
	}
	return true
}

// lines splits a drawn block into lines; "" is no lines at all.
func lines(s string) []string {
	if s == "" {
		return nil
	}
	return strings.Split(s, "\n")
}

// fit lays a screen out in height lines: pinned whole (cut only when it
// alone is taller than the screen, which the minimum size prevents for
// every real screen), and as much of above and below as fits around it,
// from the scroll offset on. Markers count the lines out of view.
func (s *scroll) fit(th Theme, above, pinned, below []string, height int) string {
	if len(pinned) >= height {
		s.over, s.maxOff, s.offset = len(above)+len(below) > 0, 0, 0
		return strings.Join(pinned[:max(height, 0)], "\n")
	}
	room := height - len(pinned)
	n := len(above) + len(below)
	if n <= room {
		s.over, s.maxOff, s.offset, s.follow = false, 0, 0, false
		return join(above, pinned, below)
	}
	s.over = true
	// Window sizes with and without the markers: a marker line takes the
	// place of one line of text.
	win := func(off int) (w int, top, bottom bool) {
		top = off > 0
		w = room - b2i(top)
		bottom = off+w < n
		if bottom {
			w--
		}
		return max(w, 0), top, bottom
	}
	// The largest offset: the end shows, under a top marker.
	s.maxOff = max(n-max(room-1, 0), 0)
	if s.follow {
		// Centre the pinned part in the text around it.
		w, _, _ := win(1)
		s.want, s.follow = len(above)-w/2, false
	}
	s.offset = min(max(s.want, 0), s.maxOff)
	w, top, bottom := win(s.offset)
	s.page = w
	var out []string
	if top {
		out = append(out, th.Scroll.Render(fmt.Sprintf("↑ %d more", s.offset)))
	}
	end := s.offset + w
	for i := s.offset; i < min(end, len(above)); i++ {
		out = append(out, above[i])
	}
	more := th.Scroll.Render(fmt.Sprintf("↓ %d more", n-end))
	if bottom && end < len(above) {
		// What is hidden comes before the pinned part: say so above it.
		out = append(out, more)
	}
	out = append(out, pinned...)
	for i := max(s.offset, len(above)); i < end; i++ {
		out = append(out, below[i-len(above)])
	}
	if bottom && end >= len(above) {
		out = append(out, more)
	}
	return strings.Join(out, "\n")
}

func join(parts ...[]string) string {
	var all []string
	for _, p := range parts {
		all = append(all, p...)
	}
	return strings.Join(all, "\n")
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

// listWindow is the part [start, end) of a list of n rows that shows in
// rows lines with the cursor in view, the cursor kept off the edges.
func listWindow(n, cursor, rows int) (start, end int) {
	if n <= rows {
		return 0, n
	}
	rows = max(rows, 1)
	start = min(max(cursor-rows/2, 0), n-rows)
	return start, start + rows
}

// listRows is how many rows of a list of n show in avail lines beside
// explain lines of text: every row when they fit with the text, or with a
// line of it (its marker) in a short terminal; otherwise the list pages
// (two marker lines), leaving a few lines of the text in a tall one.
func listRows(n, explain, avail int) (rows int, paged bool) {
	keep := min(explain, 1)
	if avail >= 12 {
		keep = min(explain, 3)
	}
	switch {
	case n+explain <= avail, n+keep <= avail:
		return n, false
	}
	return max(avail-keep-2, 1), true
}

// listMarkers are the lines above and below a paged list: how many rows
// are hidden each way, and where the cursor is ("3 of 18").
func listMarkers(th Theme, n, cursor, start, end int) (top, bottom string) {
	if start > 0 {
		top = th.Scroll.Render(fmt.Sprintf("  ↑ %d more", start))
	}
	pos := fmt.Sprintf("%d of %d", cursor+1, n)
	if end < n {
		bottom = th.Scroll.Render(fmt.Sprintf("  ↓ %d more · %s", n-end, pos))
	} else {
		bottom = th.Scroll.Render("  " + pos)
	}
	return top, bottom
}

// buttons draws a decision's answers, side by side when they fit in width,
// else one under the other; a label too long for a line wraps inside its
// button.
func buttons(th Theme, labels []string, focus, width int) []string {
	drawn := make([]string, len(labels))
	total := 0
	for i, l := range labels {
		drawn[i] = th.button(" "+l+" ", i == focus)
		total += lipgloss.Width(drawn[i]) + 2
	}
	if total <= width {
		return []string{"  " + strings.Join(drawn, "  ")}
	}
	var out []string
	for i, l := range labels {
		ls := strings.Split(wrap(l, width-6), "\n")
		w := 0
		for _, x := range ls {
			w = max(w, lipgloss.Width(x))
		}
		for _, x := range ls {
			out = append(out, "  "+th.button(" "+x+strings.Repeat(" ", w-lipgloss.Width(x))+" ", i == focus))
		}
	}
	return out
}

// footer draws the keys that work now, wrapped at width between keys, in
// at most maxLines lines: what does not fit is cut with "…", as bubbles'
// help does (each screen's own text names its main keys too).
func footer(th Theme, bs []key.Binding, width, maxLines int) string {
	type item struct {
		s string
		w int
	}
	var rows [][]item
	var row []item
	rowW := func(r []item) int {
		w := 0
		for i, it := range r {
			w += it.w + 3*b2i(i > 0)
		}
		return w
	}
	cut := false
	for _, b := range bs {
		h := b.Help()
		if !b.Enabled() || h.Key == "" {
			continue
		}
		it := item{th.Help.Key.Render(h.Key) + " " + th.Help.Desc.Render(h.Desc), lipgloss.Width(h.Key) + 1 + lipgloss.Width(h.Desc)}
		if len(row) > 0 && rowW(row)+3+it.w > width {
			if len(rows)+1 == maxLines {
				cut = true
				break
			}
			rows, row = append(rows, row), nil
		}
		row = append(row, it)
	}
	if cut {
		// Room for the ellipsis: drop keys from the end of the last line.
		for len(row) > 1 && rowW(row)+2 > width {
			row = row[:len(row)-1]
		}
	}
	rows = append(rows, row)
	sep := th.Help.Separator.Render(" • ")
	out := make([]string, 0, len(rows))
	for _, r := range rows {
		parts := make([]string, len(r))
		for i, it := range r {
			parts[i] = it.s
		}
		out = append(out, strings.Join(parts, sep))
	}
	if cut {
		out[len(out)-1] += th.Help.Separator.Render(" …")
	}
	return strings.Join(out, "\n")
}
