// Package bot is peyvand's Telegram adapter. It turns Bot API updates into
// the conversation core's chat.Message and chat.Callback values, hands them
// to a Handler, and turns the chat.Reply values it gets back into Bot API
// calls: HTML messages with linked citation markers, split to Telegram's
// length limit, inline keyboards and edits.
//
// The adapter owns everything Telegram-shaped, and nothing else:
//
//   - receiving: long polling with its own getUpdates loop (offsets, errors
//     and shutdown in plain sight), or a webhook checked by its secret token;
//   - scheduling: a bounded pool of workers, concurrent across chats and
//     strictly in order within one chat;
//   - sending: retries on 429 (waiting retry_after), 5xx and network errors
//     with bounded backoff; 403 (the user blocked the bot) reported to the
//     Handler once, never retried;
//   - feedback: the "typing…" chat action while the Handler works, and a
//     message edited as a streaming answer arrives, at most once a second;
//   - shutdown: stop taking updates, finish what is held, then confirm the
//     update offset so nothing handled is delivered again after a restart.
//
// Logs are structured (log/slog) and carry chat ids, update ids and
// latencies, never message text and never the bot token: the Bot API puts
// the token in every URL, so every error is redacted before it is logged or
// returned.
package bot
