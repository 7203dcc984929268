package history

import (
	"strings"
)

type trailer struct{ key, value string }

// parseMessage splits a commit message into its subject (the first line), its body and its trailers.
//
// The trailers are the last paragraph of the message when every line of it is "Key: value" (or an
// indented continuation of the line before), as git interpret-trailers reads them. Unlike git, a
// trailer block may follow the subject line without a blank line between, because policy owners
// write "Revise 5.2\nEffective: 2025-04-01" and mean the trailer.
func parseMessage(msg string) (subject, body string, trailers []trailer) {
	msg = strings.ReplaceAll(msg, "\r\n", "\n")
	subject, rest, _ := strings.Cut(msg, "\n")
	subject = strings.TrimSpace(subject)
	lines := strings.Split(strings.TrimRight(rest, " \t\n"), "\n")

	// The last paragraph starts after the last blank line.
	start := 0
	for i := len(lines) - 1; i >= 0; i-- {
		if strings.TrimSpace(lines[i]) == "" {
			start = i + 1
			break
		}
	}
	if tr, ok := parseTrailers(lines[start:]); ok {
		trailers = tr
		lines = lines[:start]
	}
	return subject, strings.TrimSpace(strings.Join(lines, "\n")), trailers
}

func parseTrailers(lines []string) ([]trailer, bool) {
	var out []trailer
	for _, l := range lines {
		if l == "" {
			return nil, false
		}
		if l[0] == ' ' || l[0] == '\t' {
			if len(out) == 0 {
				return nil, false
			}
			out[len(out)-1].value += " " + strings.TrimSpace(l)
			continue
		}
		key, value, ok := strings.Cut(l, ":")
		if !ok || !isTrailerKey(key) {
			return nil, false
		}
		out = append(out, trailer{key: key, value: strings.TrimSpace(value)})
	}
	return out, len(out) > 0
}

// isTrailerKey accepts git's trailer tokens: letters, digits and hyphens, starting with a letter or
// digit ("Signed-off-by", "Effective").
func isTrailerKey(k string) bool {
	if k == "" {
		return false
	}
	for i, c := range k {
		switch {
		case c >= 'A' && c <= 'Z', c >= 'a' && c <= 'z', c >= '0' && c <= '9':
		case c == '-' && i > 0:
		default:
			return false
		}
	}
	return true
}
