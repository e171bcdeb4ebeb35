package datafile

import (
	"slices"
	"testing"
)

func TestLines(t *testing.T) {
	txt := "\ufeff# سرآغاز\n\nmou | تفاهم نامه\n  # یادداشت\n  sister_city | خواهرخواندگی  \n"
	var got []string
	var nums []int
	Lines(txt, func(n int, line string) { got, nums = append(got, line), append(nums, n) })
	if want := []string{"mou | تفاهم نامه", "sister_city | خواهرخواندگی"}; !slices.Equal(got, want) {
		t.Errorf("Lines = %q; want %q", got, want)
	}
	if want := []int{3, 5}; !slices.Equal(nums, want) {
		t.Errorf("line numbers %v; want %v", nums, want)
	}
}

func TestList(t *testing.T) {
	if got, want := List(" قازان، کازان ,, Kazan ،"), []string{"قازان", "کازان", "Kazan"}; !slices.Equal(got, want) {
		t.Errorf("List = %q; want %q", got, want)
	}
}
