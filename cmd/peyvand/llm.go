package main

import (
	"fmt"
	"strconv"
	"time"

	"github.com/peyvand/peyvand/answer"
)

// The chat model's settings; the settings table checks each.
const (
	envLLMBaseURL     = "PEYVAND_LLM_BASE_URL"    // e.g. https://api.openai.com/v1, http://localhost:11434/v1
	envLLMAPIKey      = "PEYVAND_LLM_API_KEY"     // empty for servers that need none
	envLLMModel       = "PEYVAND_LLM_MODEL"       // e.g. gpt-4o-mini, qwen2.5:7b
	envLLMTimeout     = "PEYVAND_LLM_TIMEOUT"     // a Go duration ("30s") or seconds ("30")
	envLLMMaxRetries  = "PEYVAND_LLM_MAX_RETRIES" // optional
	envLLMTemperature = "PEYVAND_LLM_TEMPERATURE" // optional
)

// llmConfig returns the chat model's settings as answer.LLMConfig. ok is
// false, with no error, when no PEYVAND_LLM_* setting is given: then no
// model is used and nothing is sent anywhere. The values were checked by
// the settings table (layers.check), which also requires the base URL and
// the model together; an error here names the setting in Persian and never
// holds the key.
func (m *Main) llmConfig() (cfg answer.LLMConfig, ok bool, err error) {
	given := false
	for _, name := range []string{envLLMBaseURL, envLLMModel, envLLMAPIKey, envLLMTimeout, envLLMMaxRetries, envLLMTemperature} {
		given = given || m.Getenv(name) != ""
	}
	if !given {
		return answer.LLMConfig{}, false, nil
	}
	if err := m.layered().check(); err != nil {
		return answer.LLMConfig{}, false, err
	}
	cfg.BaseURL, cfg.Model, cfg.APIKey = m.setting(envLLMBaseURL), m.setting(envLLMModel), m.setting(envLLMAPIKey)
	if cfg.Timeout, err = m.durationSetting(envLLMTimeout); err != nil {
		return answer.LLMConfig{}, false, err
	}
	if cfg.MaxRetries, err = m.intSetting(envLLMMaxRetries); err != nil {
		return answer.LLMConfig{}, false, err
	}
	t, err := m.floatSetting(envLLMTemperature)
	if err != nil {
		return answer.LLMConfig{}, false, err
	}
	cfg.Temperature = float32(t)
	return cfg, true, nil
}

// durationSetting returns a checked duration setting (a Go duration or a
// number of seconds); 0 when it is unset and has no default.
func (m *Main) durationSetting(name string) (time.Duration, error) {
	v, err := m.checked(name)
	if err != nil || v == "" {
		return 0, err
	}
	if s, err := strconv.Atoi(v); err == nil {
		return time.Duration(s) * time.Second, nil
	}
	d, err := time.ParseDuration(v)
	if err != nil { // the setting's check let a bad duration through
		return 0, fmt.Errorf("setting %s: %w", name, err)
	}
	return d, nil
}
