package chat

import (
	"fmt"
	"strconv"

	"github.com/peyvand/peyvand/persian"
	"github.com/peyvand/peyvand/reply"
)

// Persian texts of the bot. Kept together so they read as one voice.

const welcomeText = `سلام! من «پیوند» هستم.
از روی خبرها به پرسش‌های شما دربارهٔ پیوندهای تجاری خارجی استان‌ها و شهرهای ایران پاسخ می‌دهم: شهرهای خواهرخوانده، تفاهم‌نامه‌ها، هیئت‌های تجاری، اتاق‌های مشترک و دفترهای نمایندگی. هر پاسخ منبعش را نشان می‌دهد.

پرسش خود را بنویسید یا یکی از نمونه‌های زیر را بزنید. راهنما: /help`

const helpText = `چه می‌دانم: خبرهای پیوندهای تجاری خارجی استان‌ها و شهرهای ایران (خواهرخواندگی، تفاهم‌نامه، هیئت تجاری، اتاق مشترک، دفتر نمایندگی، نمایشگاه، سرمایه‌گذاری). فقط از روی همین خبرها پاسخ می‌دهم و برای هر جمله منبعش را می‌آورم؛ اگر خبری نداشته باشم، همین را می‌گویم.

چگونه بپرسید: پرسش را کوتاه، به فارسی (رسمی یا محاوره) یا انگلیسی بنویسید و نام شهر، استان یا کشور را بیاورید، مثلاً «کدام شهرها با اصفهان خواهرخوانده هستند؟». پرسش کوتاه بعدی («و شیراز چطور؟»، «و با ترکیه؟») همان پرسش قبلی دربارهٔ مکان تازه است.

دستورها:
/partners اصفهان — فهرست شریکان خارجی یک شهر یا استان (یا شریکان ایرانی یک کشور)
/brief آذربایجان شرقی ۶ ماه — گزارش کوتاه و تاریخ‌دار، تازه‌ترین اول (دوره اختیاری است)
/sources — منابع کامل آخرین پاسخ
/subscribe تبریز — خبر هر توافق تازهٔ یک مکان؛ /subscribe all برای همه؛ /subscribe تبریز daily برای خلاصهٔ روزانه؛ /subscribe اصفهان خواهرخواندگی فقط برای یک نوع پیوند
/unsubscribe تبریز — لغو؛ /unsubscribe بی‌نام، همه را لغو می‌کند
/subscriptions — فهرست دنبال‌شده‌ها
/pause و /resume — توقف و ازسرگیری هشدارها، بی‌آنکه اشتراکی لغو شود

در هر گفت‌وگویی نام مرا با نام یک مکان بنویسید (مثلاً «@نام‌ربات اصفهان») تا فهرست و گزارشش را همان‌جا بفرستید.

در گروه‌ها فقط وقتی پاسخ می‌دهم که نامم را بیاورید، به پیامم پاسخ دهید یا دستور بفرستید.`

// inlineExampleBot stands for the bot's @username in helpText's inline
// example; /help writes the real one when the transport knows it.
const inlineExampleBot = "@نام‌ربات"

// welcomeEmpty is /start's text when the database holds no news yet.
const welcomeEmpty = `سلام! من «پیوند» هستم.
از روی خبرها به پرسش‌های شما دربارهٔ پیوندهای تجاری خارجی استان‌ها و شهرهای ایران پاسخ می‌دهم. هنوز خبری در پایگاه داده نیست؛ مدیران با /ingest خبر می‌افزایند. راهنما: /help`

// The rate limits' waits: the limit reached, then the seconds to wait.
const (
	questionsLimited = "به سقف پرسش‌ها رسیدید (%s پرسش در دقیقه). %s ثانیهٔ دیگر دوباره بپرسید."
	commandsLimited  = "به سقف دستورها و دکمه‌ها رسیدید (%s در دقیقه). %s ثانیهٔ دیگر دوباره امتحان کنید."
)

const (
	nonTextHint     = "فقط پیام نوشتاری را می‌فهمم. پرسش خود را بنویسید، مثلاً «خواهرخوانده‌های شیراز کدامند؟». راهنما: /help"
	unknownCommand  = "این دستور را نمی‌شناسم. فهرست دستورها: /help"
	adminOnly       = "این دستور فقط برای مدیران پیوند است."
	noLastAnswer    = "هنوز پاسخی نداده‌ام که منبعش را نشان دهم. پرسشی بپرسید."
	noSources       = "این پاسخ منبعی ندارد."
	expired         = "این دکمه کهنه شده است؛ پرسش را دوباره بفرستید."
	feedbackThanks  = "سپاس! نظرتان ثبت شد."
	feedbackWhy     = "ثبت شد. چه ایرادی داشت؟ یکی از دکمه‌های زیر را بزنید."
	partnersUsage   = "نام یک شهر، استان یا کشور را پس از دستور بنویسید، مثلاً: /partners اصفهان"
	briefUsage      = "نام یک شهر، استان یا کشور را پس از دستور بنویسید، مثلاً: /brief آذربایجان شرقی ۶ ماه"
	subscribeUsage  = "نام مکانی را که می‌خواهید دنبال کنید بنویسید، مثلاً: /subscribe تبریز یا /subscribe all"
	ingestUsage     = "نشانی خبر را بنویسید: /ingest https://…"
	inlineHowTo     = "نام یک مکان، یا پرسشی که با «؟» تمام شود"
	badDeepLink     = "این پیوند را نشناختم؛ شاید کهنه یا ناقص است. نام شهر، استان یا کشور را بنویسید، مثلاً: /partners اصفهان"
	internalFailure = "متأسفم، خطایی پیش آمد و نتوانستم پاسخ دهم. کمی بعد دوباره امتحان کنید."
)

// FeedDisabledNotice tells the admins that the poller gave up on a feed
// after failures errors in a row: a disabled feed needs a person. lastErr is
// the technical text of the last failure, shown as such.
func FeedDisabledNotice(url string, failures int, lastErr string) reply.Message {
	return reply.Message{Text: fmt.Sprintf("⚠️ خوراک %s پس از %s خطای پیاپی کنار گذاشته شد و دیگر خوانده نمی‌شود.\nآخرین خطا (متن فنی): %s\nپس از رفع مشکل، peyvand را دوباره راه بیندازید.",
		url, persian.Digits(strconv.Itoa(failures)), lastErr)}
}
