package feed

import (
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/netip"
	"syscall"
	"time"
)

// ErrPrivateAddress is returned (wrapped, naming the address) when a fetch
// would connect to an address that is not a public unicast one: loopback,
// a private or link-local range (169.254.169.254, a cloud's metadata), the
// unspecified address, multicast. A page fetched is stored and quoted to
// every user, so peyvand reaches inside its own network only when the
// operator allows it (NewClient's allowPrivate).
var ErrPrivateAddress = errors.New("not a public address")

// maxRedirects bounds the redirects one fetch follows.
const maxRedirects = 10

// NewClient returns the HTTP client pages and feeds are fetched with. It
// checks the address of every connection it makes, the first and those of
// every redirect, after the name is resolved, so a name that resolves (or
// rebinds) to an inside address is refused too. With allowPrivate every
// address is allowed: a deployment whose feeds live on its own network, and
// tests against loopback servers.
func NewClient(allowPrivate bool) *http.Client {
	if allowPrivate {
		return newClient(nil)
	}
	return newClient(func(ap netip.AddrPort) bool { return Public(ap.Addr()) })
}

// newClient is NewClient with the policy allow, nil for none.
func newClient(allow func(netip.AddrPort) bool) *http.Client {
	d := &net.Dialer{Timeout: 10 * time.Second, KeepAlive: 30 * time.Second}
	if allow != nil {
		d.Control = func(_, address string, _ syscall.RawConn) error {
			ap, err := netip.ParseAddrPort(address)
			if err != nil || !allow(ap) {
				return fmt.Errorf("connect %s: %w", address, ErrPrivateAddress)
			}
			return nil
		}
	}
	tr := &http.Transport{
		Proxy:                 nil, // a proxy would connect for us, unchecked
		DialContext:           d.DialContext,
		ForceAttemptHTTP2:     true,
		MaxIdleConns:          32,
		IdleConnTimeout:       90 * time.Second,
		TLSHandshakeTimeout:   10 * time.Second,
		ResponseHeaderTimeout: 20 * time.Second,
	}
	return &http.Client{Transport: tr, CheckRedirect: func(req *http.Request, via []*http.Request) error {
		if len(via) >= maxRedirects {
			return fmt.Errorf("stopped after %d redirects", maxRedirects)
		}
		if req.URL.Scheme != "http" && req.URL.Scheme != "https" {
			return fmt.Errorf("redirect to %q: %w", req.URL.Scheme, ErrBadURL)
		}
		return nil
	}}
}

// publicOnly is the client a nil Fetcher.Client stands for.
var publicOnly = NewClient(false)

// notPublic are ranges that are neither private nor loopback by netip's
// reckoning and still not the public internet.
var notPublic = []netip.Prefix{
	netip.MustParsePrefix("0.0.0.0/8"),       // "this network"
	netip.MustParsePrefix("100.64.0.0/10"),   // carrier-grade NAT
	netip.MustParsePrefix("192.0.0.0/24"),    // IETF protocol assignments
	netip.MustParsePrefix("192.0.2.0/24"),    // documentation
	netip.MustParsePrefix("198.18.0.0/15"),   // benchmarking
	netip.MustParsePrefix("198.51.100.0/24"), // documentation
	netip.MustParsePrefix("203.0.113.0/24"),  // documentation
	netip.MustParsePrefix("240.0.0.0/4"),     // reserved, and the broadcast address
	netip.MustParsePrefix("::/96"),           // IPv4-compatible (deprecated): an IPv4 in disguise
	netip.MustParsePrefix("64:ff9b::/96"),    // NAT64: may reach an inside IPv4
	netip.MustParsePrefix("64:ff9b:1::/48"),  // local-use NAT64
	netip.MustParsePrefix("100::/64"),        // discard-only
	netip.MustParsePrefix("2001::/23"),       // IETF protocol assignments (Teredo, benchmarking, ORCHID)
	netip.MustParsePrefix("2001:db8::/32"),   // documentation
	netip.MustParsePrefix("3fff::/20"),       // documentation
	netip.MustParsePrefix("fec0::/10"),       // site-local (deprecated), still routed inside some networks
}

// sixToFour is 6to4, whose addresses carry an IPv4 address in bytes 2–5.
var sixToFour = netip.MustParsePrefix("2002::/16")

// Public reports whether a is a public unicast address: not loopback,
// private, link-local, unspecified, multicast or a reserved range. An
// IPv4-mapped IPv6 address is judged as the IPv4 address it maps.
func Public(a netip.Addr) bool {
	a = a.Unmap()
	if !a.IsValid() || a.IsLoopback() || a.IsPrivate() || a.IsUnspecified() || a.IsMulticast() ||
		a.IsLinkLocalUnicast() || a.IsLinkLocalMulticast() || a.IsInterfaceLocalMulticast() {
		return false
	}
	for _, p := range notPublic {
		if p.Contains(a) {
			return false
		}
	}
	if sixToFour.Contains(a) {
		b := a.As16()
		return Public(netip.AddrFrom4([4]byte{b[2], b[3], b[4], b[5]}))
	}
	return true
}
