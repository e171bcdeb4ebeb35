package extract

import (
	"strings"

	"github.com/peyvand/peyvand"
)

// Labels of status.txt besides the statuses.
const (
	purpose = "purpose" // words of a purpose right before a cue: proposed
	present = "present" // the present tense: proposed, or signed for trade
)

// qualifier is how many tokens after a cue another cue still qualifies it,
// as a noun's ezafe chain does: «تفاهم‌نامه [همکاری] [اقتصادی]».
const qualifier = 3

// statusOf reads the status of the cue c of sentence s: the nearest marker
// after the cue and before the next cue (Persian puts the verb after its
// object: «تفاهم‌نامه … امضا شد»), else the nearest marker before it, else
// the default for the relation (read is then false). Words of a purpose right before the cue
// («برای امضای تفاهم‌نامه») make it proposed whatever follows.
func statusOf(s *sentence, c hit, rel peyvand.Relation) (st peyvand.Status, read bool) {
	// The clause of the cue ends where another relation's strong cue
	// begins: «تفاهم‌نامه … امضا شد و هیئتی … اعزام می‌شود». A cue right
	// after it qualifies it instead («تفاهم‌نامه همکاری اقتصادی … امضا
	// خواهد شد»), so it ends nothing.
	end := len(s.toks)
	for _, o := range s.cues {
		label, weak := strings.CutSuffix(o.label, "?")
		if o.i >= c.j+qualifier && o.i < end && !weak && peyvand.Relation(label) != rel && peyvand.Relation(label) != relNone {
			end = o.i
		}
	}
	for _, m := range s.status {
		if m.label == purpose && m.j <= c.i && c.i-m.j <= 1 {
			return peyvand.StatusProposed, true
		}
	}
	var before *hit
	of := func(m *hit) peyvand.Status {
		if m.label == present {
			if rel == peyvand.RelOther {
				return peyvand.StatusSigned // trade that goes on
			}
			return peyvand.StatusProposed // a deal to be made
		}
		s := peyvand.Status(m.label)
		if s == peyvand.StatusTalks && rel == peyvand.RelTradeDelegation {
			// A delegation that meets or talks has come.
			return peyvand.StatusSigned
		}
		return s
	}
	for k := range s.status {
		m := &s.status[k]
		if m.label == "none" || m.label == purpose {
			continue
		}
		if m.i >= c.i && m.i < end || m.i < c.j && m.j > c.i {
			// After the cue, or overlapping it («خواهرخوانده هستند»).
			return of(m), true
		}
		if m.j <= c.i {
			before = m
		}
	}
	if before != nil {
		return of(before), true
	}
	return defaultStatus(), false
}

// defaultStatus is the status of a cue no marker qualifies. Trade, exports
// and border crossings ("other") are reported as they happen; a bare
// agreement, office or visit with no verb about it («تفاهم‌نامه همکاری
// اصفهان و کازان») is a headline's shorthand for one that was made.
func defaultStatus() peyvand.Status {
	return peyvand.StatusSigned
}
