package chat

// Command is a slash command with its Persian description, as a transport
// advertises it (Telegram's setMyCommands).
type Command struct {
	Name        string // without the slash
	Description string
}

// Commands are the commands every user may send, in menu order.
var Commands = []Command{
	{"start", "شروع و نمونهٔ پرسش‌ها"},
	{"help", "راهنما: چه می‌دانم و چگونه بپرسید"},
	{"partners", "شریکان خارجی یک شهر یا استان: /partners اصفهان"},
	{"brief", "گزارش کوتاه و تاریخ‌دار: /brief آذربایجان شرقی"},
	{"sources", "منابع کامل آخرین پاسخ"},
	{"subscribe", "خبر تازه دربارهٔ یک مکان: /subscribe تبریز"},
	{"unsubscribe", "لغو دنبال‌کردن: /unsubscribe تبریز"},
	{"subscriptions", "فهرست مکان‌هایی که دنبال می‌کنید"},
	{"pause", "توقف هشدارها، بدون لغو اشتراک‌ها"},
	{"resume", "ازسرگیری هشدارها"},
}
