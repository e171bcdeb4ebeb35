package chat

import (
	"strings"
	"testing"
)

func TestFeedDisabledNotice(t *testing.T) {
	r := FeedDisabledNotice("https://www.irna.ir/rss", 12, "feed returned status 503")
	for _, want := range []string{"https://www.irna.ir/rss", "۱۲ خطای پیاپی", "feed returned status 503", "دوباره راه بیندازید"} {
		if !strings.Contains(r.Text, want) {
			t.Errorf("notice %q lacks %q", r.Text, want)
		}
	}
	if len(r.Buttons) != 0 || r.Sources {
		t.Errorf("an admin notice has no buttons nor sources: %+v", r)
	}
}
