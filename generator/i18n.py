"""The one catalog of every string the generator shows, and Babel date formatting.

A site in ``theme.language: zh`` must show no English generator string, so both languages
carry every key (a test compares them). Other languages fall back to English.
"""

from __future__ import annotations

from datetime import date, datetime, tzinfo

from babel import Locale
from babel.dates import format_date, format_time
from babel.numbers import format_currency

CATALOG: dict[str, dict[str, str]] = {
    "en": {
        "type.news": "News",
        "type.spotlights": "Member spotlights",
        "type.stories": "Employee stories",
        "type.jobs": "Job previews",
        "type.events": "Events",
        "one.news": "News",
        "one.spotlights": "Spotlight",
        "one.stories": "Story",
        "one.jobs": "Role",
        "one.events": "Event",
        "state.draft": "Draft: not published",
        "state.preview": "Community preview — public from {date}",
        "state.preview_short": "Community preview",
        "state.open": "Open",
        "state.closed": "This role is closed",
        "state.upcoming": "Upcoming",
        "state.past": "Past event",
        "entry.published": "Published {date}",
        "entry.updated": "Updated {date}",
        "entry.by": "By {author}",
        "entry.read": "Read more: {title}",
        "entry.segments": "Segments",
        "entry.tags": "Topics",
        "job.facts": "About the role",
        "job.team": "Team",
        "job.locations": "Location",
        "job.workplace": "Workplace",
        "job.employment_type": "Employment",
        "job.level": "Level",
        "job.salary": "Salary",
        "job.public_on": "Public from",
        "job.closes": "Applications close",
        "job.apply": "Apply for this role",
        "job.closed_note": "We are no longer taking applications for this role.",
        "job.see_open": "See the roles that are open now",
        "workplace.onsite": "On-site",
        "workplace.hybrid": "Hybrid",
        "workplace.remote": "Remote",
        "employment.full_time": "Full-time",
        "employment.part_time": "Part-time",
        "employment.contract": "Contract",
        "employment.temporary": "Temporary",
        "employment.internship": "Internship",
        "salary.range": "{min} – {max} per {per}",
        "salary.from": "From {min} per {per}",
        "salary.up_to": "Up to {max} per {per}",
        "per.hour": "hour",
        "per.day": "day",
        "per.week": "week",
        "per.month": "month",
        "per.year": "year",
        "event.facts": "About the event",
        "event.when": "When",
        "event.where": "Where",
        "event.format": "Format",
        "event.moment": "{date}, {start} – {end} ({offset})",
        "event.moment_long": "{start_date}, {start} – {end_date}, {end} ({offset})",
        "format.online": "Online",
        "format.in_person": "In person",
        "format.hybrid": "In person and online",
        "event.join": "Join online",
        "event.register": "Register",
        "event.ended": "This event has ended.",
        "event.add_to_calendar": "Add to calendar",
        "event.subscribe_calendar": "Subscribe to the events calendar",
        "calendar.name": "{site}: events",
        "calendar.join": "Join online: {url}",
        "calendar.details": "More about this event: {url}",
        "person.member": "Community member",
        "person.employee": "Works at {org}",
        "person.profile": "Profile of {name}",
        "listing.empty": "Nothing here yet. Subscribe to hear when there is.",
        "listing.upcoming": "Upcoming events",
        "listing.past": "Past events",
        "listing.segment": "{axis}: {label}",
        "listing.tag": "Topic: {tag}",
        "listing.tags": "Topics",
        "listing.see_all": "See all {title}",
        "pagination.label": "Pages",
        "pagination.newer": "Newer",
        "pagination.older": "Older",
        "pagination.status": "Page {number} of {count}",
        "home.open_roles": "Open roles and community previews",
        "home.upcoming": "Upcoming events",
        "home.latest": "Latest",
        "breadcrumb.back": "Back to {title}",
        "form.email": "Email address",
        "form.name": "Name",
        "form.required": "(required)",
        "form.optional": "(optional)",
        "form.interests": "What would you like to hear about? Choose none to hear about "
                          "everything.",
        "form.consent": "I agree that {org} may keep these details and email me about its "
                        "talent community, as the {privacy} explains. I can unsubscribe at "
                        "any time.",
        "form.privacy": "privacy notice",
        "form.honeypot": "Leave this field empty",
        "form.submit.join": "Join the community",
        "form.submit.job-interest": "Tell me when it opens",
        "form.submit.event-registration": "Register",
        "form.box.title": "Join the talent community",
        "form.box.intro": "Hear about roles, events and stories from {org}, often before "
                          "they are public.",
        "form.box.interests": "Topics from this page",
        "form.box.more": "Choose your teams and places on the join page",
        "form.job.title": "Tell me when this role opens",
        "form.job.intro": "Leave your email address and we will write to you when "
                          "applications open on {date}.",
        "form.job.intro_undated": "Leave your email address and we will write to you when "
                                  "applications open.",
        "form.job.open_title": "Interested in this role?",
        "form.job.open_intro": "Leave your email address and the hiring team will write to you "
                               "about this role and how to apply.",
        "form.submit.job-open": "I'm interested",
        "form.event.title": "Register for this event",
        "form.event.intro": "Leave your email address and we will send you the details and a "
                            "reminder before the event.",
        "form.sending": "Sending…",
        "form.success.join": "Thank you for joining! We will email you about what you chose.",
        "form.success.job-interest": "Thank you! We will email you when this role opens.",
        "form.success.event-registration": "You are registered. We will email you the "
                                           "details.",
        "form.invalid": "Please correct the marked fields and send the form again.",
        "form.rejected": "The form service did not accept your answers.",
        "form.server_error": "The form service is not working right now. Your answers are "
                             "still here: please try again.",
        "form.network_error": "We could not reach the form service. Check your connection; "
                              "your answers are still here.",
        "form.retry": "Try again",
        "form.error.email_required": "Enter your email address.",
        "form.error.email_invalid": "Enter an email address like name@example.com.",
        "form.error.consent_required": "Tick this box to agree, or we cannot keep your "
                                       "details.",
        "form.error.field": "Please check this field.",
        "join.title": "Join the talent community",
        "join.intro": "Tell {org} which teams and places you care about, and we will write "
                      "to you about those only: new roles, often weeks before they are "
                      "public, events near you and stories from the people you would work "
                      "with.",
        "thanks.title": "Thank you",
        "thanks.text": "Your answers reached us. We will write to you about what you signed "
                       "up for.",
        "thanks.home": "Back to the home page",
        "thanks.jobs": "See the job previews",
        "thanks.events": "See the upcoming events",
        "feed.rss": "RSS",
        "feed.atom": "Atom",
        "feed.title": "{site}: {name}",
        "feed.label": "{label}: ",  # the space: the value follows the bold label
        "feed.about.all": "News, people, job previews and events from {org}.",
        "feed.about.news": "News from {org}.",
        "feed.about.spotlights": "Members of the {org} talent community.",
        "feed.about.stories": "Employees of {org} on their work.",
        "feed.about.jobs": "Community previews and open roles at {org}; closed roles leave "
                           "the feed.",
        "feed.about.events": "Upcoming events of {org}.",
        "feed.about.segment": "Everything from {org} for {axis}: {label}.",
        "opml.title": "{site}: all feeds",
        "subscribe.title": "Subscribe",
        "subscribe.description": "Follow {org} in your feed reader: every feed, by type "
                                 "and by segment.",
        "subscribe.intro": "Hear from {org} in your feed reader, without an account or an "
                           "email address: follow everything, one type, or only your team "
                           "or city.",
        "subscribe.reader_title": "What is a feed reader?",
        "subscribe.reader_text": "A feed reader (or RSS reader) is an app or website, such "
                                 "as Feedly, Inoreader, NetNewsWire or Thunderbird, that "
                                 "collects the new posts of the sites you follow into one "
                                 "list. Copy a feed address below, paste it where your "
                                 "reader says “Add feed” or “Subscribe”, and new posts come "
                                 "to you; unsubscribe there at any time. RSS and Atom are "
                                 "two formats of the same feed: choose either.",
        "subscribe.community": "The whole community",
        "subscribe.everything": "Everything",
        "subscribe.by_type": "By type",
        "subscribe.copy": "Copy",
        "subscribe.copied": "Copied",
        "subscribe.copy_failed": "Press Ctrl+C (⌘C on a Mac) to copy the selected address",
        "subscribe.opml_title": "All feeds in one file",
        "subscribe.opml_text": "Most feed readers can import an OPML file: it lists every "
                               "feed on this page, in both formats, so remove the ones you "
                               "do not want after the import.",
        "subscribe.opml": "Download the OPML file",
    },
    "zh": {
        "type.news": "新闻",
        "type.spotlights": "社区成员风采",
        "type.stories": "员工故事",
        "type.jobs": "职位预览",
        "type.events": "活动",
        "one.news": "新闻",
        "one.spotlights": "成员风采",
        "one.stories": "故事",
        "one.jobs": "职位",
        "one.events": "活动",
        "state.draft": "草稿：尚未发布",
        "state.preview": "社区预览 — {date} 起公开",
        "state.preview_short": "社区预览",
        "state.open": "招聘中",
        "state.closed": "该职位已关闭",
        "state.upcoming": "即将举行",
        "state.past": "往期活动",
        "entry.published": "发布于 {date}",
        "entry.updated": "更新于 {date}",
        "entry.by": "作者：{author}",
        "entry.read": "阅读全文：{title}",
        "entry.segments": "分组",
        "entry.tags": "话题",
        "job.facts": "职位概况",
        "job.team": "团队",
        "job.locations": "地点",
        "job.workplace": "办公方式",
        "job.employment_type": "雇佣类型",
        "job.level": "职级",
        "job.salary": "薪资",
        "job.public_on": "公开日期",
        "job.closes": "截止日期",
        "job.apply": "申请该职位",
        "job.closed_note": "该职位已停止接收申请。",
        "job.see_open": "查看目前开放的职位",
        "workplace.onsite": "现场办公",
        "workplace.hybrid": "混合办公",
        "workplace.remote": "远程办公",
        "employment.full_time": "全职",
        "employment.part_time": "兼职",
        "employment.contract": "合同工",
        "employment.temporary": "临时",
        "employment.internship": "实习",
        "salary.range": "{min} – {max} / {per}",
        "salary.from": "{min} 起 / {per}",
        "salary.up_to": "最高 {max} / {per}",
        "per.hour": "小时",
        "per.day": "天",
        "per.week": "周",
        "per.month": "月",
        "per.year": "年",
        "event.facts": "活动概况",
        "event.when": "时间",
        "event.where": "地点",
        "event.format": "形式",
        "event.moment": "{date} {start} – {end}（{offset}）",
        "event.moment_long": "{start_date} {start} – {end_date} {end}（{offset}）",
        "format.online": "线上",
        "format.in_person": "线下",
        "format.hybrid": "线上线下同步",
        "event.join": "在线参加",
        "event.register": "报名",
        "event.ended": "该活动已结束。",
        "event.add_to_calendar": "添加到日历",
        "event.subscribe_calendar": "订阅活动日历",
        "calendar.name": "{site}：活动",
        "calendar.join": "在线参加：{url}",
        "calendar.details": "活动详情：{url}",
        "person.member": "社区成员",
        "person.employee": "任职于 {org}",
        "person.profile": "{name} 的主页",
        "listing.empty": "暂无内容。订阅后，有新内容时我们会通知你。",
        "listing.upcoming": "即将举行的活动",
        "listing.past": "往期活动",
        "listing.segment": "{axis}：{label}",
        "listing.tag": "话题：{tag}",
        "listing.tags": "话题",
        "listing.see_all": "查看全部{title}",
        "pagination.label": "分页",
        "pagination.newer": "较新",
        "pagination.older": "较早",
        "pagination.status": "第 {number} 页，共 {count} 页",
        "home.open_roles": "开放职位与社区预览",
        "home.upcoming": "即将举行的活动",
        "home.latest": "最新",
        "breadcrumb.back": "返回{title}",
        "form.email": "电子邮箱",
        "form.name": "姓名",
        "form.required": "（必填）",
        "form.optional": "（选填）",
        "form.interests": "你想了解哪些内容？不选则接收全部内容。",
        "form.consent": "我同意{org}保存以上信息，并按照{privacy}的说明通过电子邮件向我发送人才社区"
                        "的消息。我可以随时退订。",
        "form.privacy": "隐私声明",
        "form.honeypot": "请勿填写此栏",
        "form.submit.join": "加入社区",
        "form.submit.job-interest": "职位开放时通知我",
        "form.submit.event-registration": "报名",
        "form.box.title": "加入人才社区",
        "form.box.intro": "第一时间了解{org}的职位、活动和故事，很多内容会在公开之前先告诉你。",
        "form.box.interests": "本页相关的主题",
        "form.box.more": "在加入页面选择你关注的团队和地点",
        "form.job.title": "职位开放时通知我",
        "form.job.intro": "留下你的电子邮箱，职位于 {date} 开放申请时我们会通知你。",
        "form.job.intro_undated": "留下你的电子邮箱，职位开放申请时我们会通知你。",
        "form.job.open_title": "对这个职位感兴趣？",
        "form.job.open_intro": "留下你的电子邮箱，招聘团队会就该职位及申请方式与你联系。",
        "form.submit.job-open": "我感兴趣",
        "form.event.title": "报名参加本次活动",
        "form.event.intro": "留下你的电子邮箱，我们会在活动前把详细信息和提醒发送给你。",
        "form.sending": "正在发送…",
        "form.success.join": "感谢加入！我们会就你选择的内容给你发邮件。",
        "form.success.job-interest": "谢谢！职位开放时我们会发邮件通知你。",
        "form.success.event-registration": "报名成功。我们会把详细信息发到你的邮箱。",
        "form.invalid": "请修改标出的栏目后重新提交。",
        "form.rejected": "表单服务没有接受你提交的内容。",
        "form.server_error": "表单服务暂时无法使用。你填写的内容仍然保留，请重试。",
        "form.network_error": "无法连接表单服务。请检查网络连接；你填写的内容仍然保留。",
        "form.retry": "重试",
        "form.error.email_required": "请填写电子邮箱。",
        "form.error.email_invalid": "请填写有效的电子邮箱，例如 name@example.com。",
        "form.error.consent_required": "请勾选此项表示同意，否则我们无法保存你的信息。",
        "form.error.field": "请检查此栏。",
        "join.title": "加入人才社区",
        "join.intro": "告诉{org}你关注哪些团队和地点，我们只会就这些内容给你写信："
                      "新职位（通常在公开前几周）、你附近的活动，以及未来同事的故事。",
        "thanks.title": "谢谢",
        "thanks.text": "我们已收到你提交的内容，会就你订阅的内容给你写信。",
        "thanks.home": "返回首页",
        "thanks.jobs": "查看职位预览",
        "thanks.events": "查看即将举行的活动",
        "feed.rss": "RSS",
        "feed.atom": "Atom",
        "feed.title": "{site}：{name}",
        "feed.label": "{label}：",
        "feed.about.all": "{org}的新闻、人物、职位预览和活动。",
        "feed.about.news": "{org}的新闻。",
        "feed.about.spotlights": "{org}人才社区的成员风采。",
        "feed.about.stories": "{org}员工讲述自己的工作。",
        "feed.about.jobs": "{org}的社区预览职位和开放职位；职位关闭后即从订阅源中移除。",
        "feed.about.events": "{org}即将举行的活动。",
        "feed.about.segment": "{org}面向{axis}“{label}”的全部内容。",
        "opml.title": "{site}：全部订阅源",
        "subscribe.title": "订阅",
        "subscribe.description": "在阅读器中关注{org}：按类型和分组列出的全部订阅源。",
        "subscribe.intro": "无需注册账号或留下邮箱，即可在阅读器中收到{org}的更新：订阅全部内容、"
                           "某一类型，或只订阅你的团队或城市。",
        "subscribe.reader_title": "什么是订阅阅读器？",
        "subscribe.reader_text": "订阅阅读器（也叫 RSS 阅读器）是一种应用或网站，例如 Feedly、"
                                 "Inoreader、NetNewsWire 或 Thunderbird，它把你关注的网站的新内容"
                                 "汇集到一个列表里。复制下方的订阅地址，粘贴到阅读器的“添加订阅”"
                                 "处，新内容就会自动送达；随时可以在阅读器中取消订阅。RSS 和 Atom "
                                 "是同一订阅源的两种格式，任选其一即可。",
        "subscribe.community": "整个社区",
        "subscribe.everything": "全部内容",
        "subscribe.by_type": "按类型",
        "subscribe.copy": "复制",
        "subscribe.copied": "已复制",
        "subscribe.copy_failed": "请按 Ctrl+C（Mac 上按 ⌘C）复制已选中的地址",
        "subscribe.opml_title": "一个文件包含全部订阅源",
        "subscribe.opml_text": "大多数阅读器可以导入 OPML 文件：它以两种格式列出本页的全部订阅源，"
                               "导入后删除不需要的即可。",
        "subscribe.opml": "下载 OPML 文件",
    },
}


def catalog_language(language: str) -> str:
    """'zh', 'zh-Hans', 'zh_CN' -> 'zh'; languages without a catalog fall back to English."""
    primary = language.replace("_", "-").split("-")[0].lower()
    return primary if primary in CATALOG else "en"


class Translator:
    """Strings and dates in one language."""

    def __init__(self, language: str) -> None:
        self.language = catalog_language(language)
        self.strings = CATALOG[self.language]
        try:
            self.locale = Locale.parse(language.replace("-", "_"))
        except (ValueError, LookupError):
            self.locale = Locale.parse(self.language)

    def __call__(self, key: str, **values: object) -> str:
        text = self.strings.get(key) or CATALOG["en"][key]
        return text.format(**values) if values else text

    def date(self, value: date | datetime, style: str = "long") -> str:
        return format_date(value, format=style, locale=self.locale)

    def time(self, value: datetime) -> str:
        return format_time(value, format="short", locale=self.locale)

    def money(self, amount: float, currency: str) -> str:
        whole = amount % 1 == 0  # salaries are whole numbers: "€65,000", not "€65,000.00"
        return format_currency(amount, currency, format="¤#,##0" if whole else None,
                               locale=self.locale, currency_digits=not whole)

    def moment_range(self, start: datetime, end: datetime, zone: tzinfo | None) -> str:
        """An event's time in its own zone (or its written offset), with the offset shown."""
        if zone is not None:
            start, end = start.astimezone(zone), end.astimezone(zone)
        offset = start.strftime("%z")
        offset = f"UTC{offset[:3]}:{offset[3:]}" if offset else "UTC"
        if start.date() == end.date():
            return self("event.moment", date=self.date(start, "full"), start=self.time(start),
                        end=self.time(end), offset=offset)
        return self("event.moment_long", start_date=self.date(start, "full"),
                    start=self.time(start), end_date=self.date(end, "full"),
                    end=self.time(end), offset=offset)
