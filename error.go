package peyvand

import (
	"errors"
	"fmt"
)

// Error codes: what went wrong, in terms a user-facing message can be chosen by.
const (
	EInvalid      = "invalid"      // the input is malformed or out of bounds
	ENotFound     = "not_found"    // the named thing does not exist
	EUnavailable  = "unavailable"  // a dependency (database lock, model, network) is not available
	EIncompatible = "incompatible" // stored data was written by another schema or embedder
	EDamaged      = "damaged"      // a stored file cannot be read: check, restore
	EInternal     = "internal"     // a bug or an unexpected failure
)

// Error is an application error with a code and a Persian message fit to be
// shown to a user. Internal detail stays in the wrapped Err.
type Error struct {
	Code    string
	Message string // Persian, for the user
	Err     error  // the underlying cause, for logs
}

func (e *Error) Error() string {
	if e.Err != nil {
		return fmt.Sprintf("%s: %s: %v", e.Code, e.Message, e.Err)
	}
	return e.Code + ": " + e.Message
}

func (e *Error) Unwrap() error { return e.Err }

// Errorf returns an *Error with the given code and Persian message.
func Errorf(code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// Wrap records the cause behind e, for logs and errors.Is, and returns e;
// the Persian Message stays free of Go's English error text.
func (e *Error) Wrap(cause error) *Error {
	e.Err = cause
	return e
}

// ErrorCode returns the code of the first *Error in err's chain, EInternal
// for any other non-nil error, and "" for nil.
func ErrorCode(err error) string {
	var e *Error
	switch {
	case err == nil:
		return ""
	case errors.As(err, &e):
		return e.Code
	default:
		return EInternal
	}
}

// ErrorMessage returns the Persian message of the first *Error in err's
// chain, or a generic Persian apology for any other error.
func ErrorMessage(err error) string {
	var e *Error
	if errors.As(err, &e) && e.Message != "" {
		return e.Message
	}
	return "متأسفم، خطایی پیش آمد. لطفاً کمی بعد دوباره امتحان کنید."
}
