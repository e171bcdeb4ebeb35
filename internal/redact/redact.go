// Package redact hides the secrets settings and logs may carry inside
// URLs: a key in the userinfo or the query, a token in the path.
package redact

import (
	"net/url"
	"regexp"
	"strings"
)

// URL hides what in a URL is a secret: the userinfo's password (or a
// lone user that is a key), query values, and path segments that look like
// tokens ("bot123456:AAH…", a long run of letters and digits). The host and
// the rest stay, so an operator can tell which server is set.
func URL(v string) string {
	// A Bot API format's "%s" (token, method) is no URL escape.
	const verb = "PEYVANDVERB"
	u, err := url.Parse(strings.ReplaceAll(v, "%s", verb))
	if err != nil || u.Host == "" {
		return "***"
	}
	if u.User != nil {
		u.User = url.User("***")
	}
	if q := u.Query(); len(q) > 0 {
		for k := range q {
			q.Set(k, "***")
		}
		u.RawQuery = q.Encode()
	}
	segs := strings.Split(u.Path, "/")
	for i, seg := range segs {
		if tokenLike(seg) {
			segs[i] = "***"
		}
	}
	u.Path, u.RawPath = strings.Join(segs, "/"), ""
	out, _ := url.PathUnescape(u.String())
	return strings.ReplaceAll(out, verb, "%s")
}

// tokenLike reports a path segment that reads as a credential: a bot token
// («bot123:AAH…», «123:AAH…») or 20 or more characters mixing letters and
// digits.
func tokenLike(seg string) bool {
	if botTokenRE.MatchString(seg) {
		return true
	}
	letters, digits := 0, 0
	for _, r := range seg {
		switch {
		case r >= '0' && r <= '9':
			digits++
		case r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z':
			letters++
		case r == '-' || r == '_':
		default:
			return false
		}
	}
	return len(seg) >= 20 && letters > 0 && digits > 0
}

var botTokenRE = regexp.MustCompile(`^(bot)?\d+:[A-Za-z0-9_-]{20,}$`)
