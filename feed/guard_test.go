package feed

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"net/url"
	"strconv"
	"testing"
	"time"
)

func TestPublic(t *testing.T) {
	for _, tt := range []struct {
		addr string
		want bool
	}{
		{"8.8.8.8", true},
		{"185.143.232.10", true}, // an Iranian outlet's range
		{"2a01:4f8::1", true},
		{"127.0.0.1", false},
		{"127.10.0.3", false},
		{"::1", false},
		{"10.1.2.3", false},
		{"172.16.0.9", false},
		{"192.168.1.1", false},
		{"169.254.169.254", false}, // cloud metadata
		{"fe80::1", false},
		{"fc00::5", false},
		{"0.0.0.0", false},
		{"::", false},
		{"100.64.1.1", false},
		{"224.0.0.1", false},
		{"255.255.255.255", false},
		{"::ffff:127.0.0.1", false}, // IPv4-mapped loopback
		{"::ffff:169.254.169.254", false},
		{"64:ff9b::a9fe:a9fe", false},   // NAT64 of 169.254.169.254
		{"64:ff9b:1::a9fe:a9fe", false}, // local-use NAT64
		{"::a9fe:a9fe", false},          // IPv4-compatible 169.254.169.254
		{"::7f00:1", false},             // IPv4-compatible loopback
		{"fec0::1", false},              // site-local
		{"100::1", false},               // discard-only
		{"2001::1", false},              // Teredo
		{"2002:a9fe:a9fe::1", false},    // 6to4 of 169.254.169.254
		{"2002:0a00:0001::1", false},    // 6to4 of 10.0.0.1
		{"2002:0808:0808::1", true},     // 6to4 of 8.8.8.8
		{"2001:4860:4860::8888", true},  // a public resolver
	} {
		if got := Public(netip.MustParseAddr(tt.addr)); got != tt.want {
			t.Errorf("Public(%s) = %v; want %v", tt.addr, got, tt.want)
		}
	}
}

// TestFetchRefusesInsideAddresses: the default client connects to no
// address inside the network, whatever the URL spells, and says why.
func TestFetchRefusesInsideAddresses(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		t.Errorf("the server was reached: %s", r.URL)
	}))
	defer srv.Close()
	port := srv.URL[len("http://127.0.0.1:"):]
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	for _, u := range []string{
		srv.URL + "/news/1",
		"http://localhost:" + port + "/news/1", // a name resolving inside
		"http://[::1]:" + port + "/",
		"http://0.0.0.0:" + port + "/",
		"http://169.254.169.254/latest/meta-data/iam/",
		"http://10.0.0.1/",
	} {
		_, err := Fetch(ctx, nil, u)
		if !errors.Is(err, ErrPrivateAddress) {
			t.Errorf("Fetch(%s) error = %v; want ErrPrivateAddress", u, err)
		}
	}
	// A feed poll is refused the same way.
	p := NewPoller([]Feed{{URL: srv.URL + "/rss"}}, nil)
	if _, err := p.Poll(ctx, Feed{URL: srv.URL + "/rss"}); !errors.Is(err, ErrPrivateAddress) {
		t.Errorf("Poll error = %v; want ErrPrivateAddress", err)
	}
}

// TestRedirectIsCheckedToo: a redirect from an allowed server to one the
// policy refuses fails at the second connection.
func TestRedirectIsCheckedToo(t *testing.T) {
	inside := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		t.Errorf("the redirect's target was reached")
	}))
	defer inside.Close()
	outside := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, inside.URL+"/secret", http.StatusFound)
	}))
	defer outside.Close()
	ou, _ := url.Parse(outside.URL)
	allowed, _ := strconv.Atoi(ou.Port())
	// Only the first server's port passes: it stands for a public host.
	client := newClient(func(ap netip.AddrPort) bool { return int(ap.Port()) == allowed })
	_, err := NewFetcher(client).Fetch(context.Background(), outside.URL+"/news/1")
	if !errors.Is(err, ErrPrivateAddress) {
		t.Errorf("redirect to a refused address: error = %v; want ErrPrivateAddress", err)
	}
}

// TestAllowPrivate: with the operator's permission loopback is reached.
func TestAllowPrivate(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, "<html><head><title>نمایشگاه اختصاصی کرمان در کابل</title></head><body><article><p>"+
			"نخستین نمایشگاه اختصاصی توانمندی‌های استان کرمان با حضور ۸۰ شرکت صادرکننده در شهر کابل گشایش یافت و تا پنج روز دیگر برپاست. "+
			"رئیس اتاق بازرگانی کرمان گفت این نمایشگاه زمینهٔ صادرات بیشتر فرش، پسته و مصالح ساختمانی استان به افغانستان را فراهم می‌کند.</p></article></body></html>")
	}))
	defer srv.Close()
	if _, err := Fetch(context.Background(), NewClient(true), srv.URL+"/news/1"); err != nil {
		t.Errorf("Fetch with private addresses allowed: %v", err)
	}
}
