// Package metrics holds peyvand's Prometheus collectors, on a registry of
// its own so that tests and several Mains never collide.
package metrics

import (
	"net/http"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// Registry is where every collector of this package is registered.
var Registry = prometheus.NewRegistry()

var (
	// Questions counts questions received (after input checks).
	Questions = prometheus.NewCounter(prometheus.CounterOpts{Name: "peyvand_questions_total",
		Help: "Questions answered or abstained on."})
	// Answers counts answers by mode (extractive, llm, graph) and whether
	// they abstained.
	Answers = prometheus.NewCounterVec(prometheus.CounterOpts{Name: "peyvand_answers_total",
		Help: "Answers by mode and abstention."}, []string{"mode", "abstained"})
	// AnswerSeconds is the time from question to answer, before network.
	AnswerSeconds = prometheus.NewHistogram(prometheus.HistogramOpts{Name: "peyvand_answer_seconds",
		Help: "Time to compose an answer.", Buckets: prometheus.ExponentialBuckets(0.001, 2, 16)})
	// Updates counts Telegram updates received.
	Updates = prometheus.NewCounter(prometheus.CounterOpts{Name: "peyvand_telegram_updates_total",
		Help: "Telegram updates received."})
	// TelegramErrors counts Bot API failures by kind (429, 403, 5xx, network…).
	TelegramErrors = prometheus.NewCounterVec(prometheus.CounterOpts{Name: "peyvand_telegram_errors_total",
		Help: "Bot API failures by kind."}, []string{"kind"})
	// Alerts counts alert deliveries by state: queued, sent, throttled (a
	// 429 put one back), failed (given up after errors), dropped (the chat
	// refused the bot).
	Alerts = prometheus.NewCounterVec(prometheus.CounterOpts{Name: "peyvand_alerts_total",
		Help: "Alert deliveries by state."}, []string{"state"})
	// FeedErrors counts failed feed polls and page fetches.
	FeedErrors = prometheus.NewCounter(prometheus.CounterOpts{Name: "peyvand_feed_errors_total",
		Help: "Failed feed polls and page fetches."})
	// Ingested counts ingested articles by outcome: added, updated, unchanged.
	Ingested = prometheus.NewCounterVec(prometheus.CounterOpts{Name: "peyvand_ingested_articles_total",
		Help: "Ingested articles by outcome."}, []string{"result"})
)

func init() {
	Registry.MustRegister(Questions, Answers, AnswerSeconds, Updates, TelegramErrors, Alerts, FeedErrors, Ingested,
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
}

// Handler serves the registry in the Prometheus text format.
func Handler() http.Handler {
	return promhttp.HandlerFor(Registry, promhttp.HandlerOpts{Registry: Registry})
}
