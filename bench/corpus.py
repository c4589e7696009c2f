#!/usr/bin/env python3
"""The benchmark's corpus: N deterministic posts, written for each contender.

    python bench/corpus.py N community|peer|floor DIR [--seed S] [--translated]

The same N posts (same file names, same Markdown bodies) become:

- ``community``: news entries of a talent-community site in DIR/news/ (front matter of this
  project's content contract: title, date, updated, segments, author); ``SEGMENTS`` holds
  the matching ``segments:`` settings;
- ``peer``: a whole MkDocs project in DIR for mkdocs-material's blog plugin and
  mkdocs-rss-plugin (posts in docs/blog/posts/ with the blog's front matter, authors file,
  avatars, mkdocs.yml);
- ``floor``: a whole MkDocs project in DIR with the posts as plain Material pages, no plugin
  and not in the nav: what any MkDocs-based generator pays at least, one page per post.

With ``--translated`` (community only), every entry also gets its Chinese translation beside
it, ``news/<same name>.zh.md`` (the two-language benchmark of issue 18, bench/languages.py):
a Chinese title, the same date, segments and author, and a Chinese body of the same kind
and length range (sections, lists, code, tables), drawn from its own random stream, so that
the originals are the same posts with or without their translations.

A post's body is 300 to 800 words of English and Chinese (a Chinese phrase counts as one
word): an excerpt marked with ``<!-- more -->``, ``##`` and ``###`` sections, a list, a link
to an outside page, often a relative link to an earlier post, sometimes a fenced code block
or a table. Everything depends on N and the seed alone (no clock, no environment): reruns are
byte-identical, and post i is the same for every N > i. Standard library only, so any of the
contenders' interpreters can run it.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import re
import shutil
import sys
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

SEED = 1795


def _words(text: str) -> list[str]:
    return text.split()

FIRST_DAY = dt.date(2019, 3, 4)
SPAN_DAYS = 5 * 365  # every post lies in 2019-2024: live at the benchmark's build time

ENGLISH = _words("""
access account adapter alert archive audit backup balance batch branch budget buffer bundle
cache channel checkpoint client cluster column commit compiler config container contract
cursor dashboard dataset deadline debugger default deploy diagram digest domain driver editor
encoder endpoint engine export feature field filter format fragment gateway graph handler
header history import index input instance issue journal kernel label layer layout ledger
library limit locale manifest mapping marker message metric migration mirror module monitor
network notebook object option output package parser patch payload pipeline policy preview
process profile prompt protocol proxy query queue quota record region release replica
report request resource response revision router runtime sample schedule schema scope script
segment server service session shard signal snapshot socket source storage stream summary
switch table target task template tenant thread ticket timeline token trace tracker trigger
upload user value vendor version viewer volume warning widget window worker
we they it our their this that each every most some few many
build change check choose clean compare count deliver design document explain fetch find fix
follow improve install keep learn measure merge move plan prefer read reduce release remove
render repair replace review rewrite run save ship sort split start test tune update write
quickly slowly carefully rarely often always never usually simply mostly clearly nearly
small large stable fragile modern older shared private public local remote careful
the a of to in for on with by from about after before between during under over
""")

CHINESE = _words("""
系统 数据 页面 站点 模板 缓存 文件 进程 线程 队列 请求 响应 服务 客户端 索引 搜索 查询 表格
版本 分支 提交 评审 测试 基准 延迟 吞吐 日志 告警 配置 选项 插件 主题 布局 样式 图片 链接
标题 列表 段落 正文 作者 分类 归档 标签 日期 时区 语言 编码 参数 错误 异常 重试 超时 网络
端口 路由 会话 签名 证书 简单 快速 稳定 实用 明确 默认 本地 远程 公开 增量 并行 我们 他们
这个 那些 因为 虽然 但是 所以 然后 经常 很少 总是 通常 有时 非常 几乎 只是 也 的 了 在 和
对于 通过 关于 之后 之前 部署 发布 迁移 结构 工具 项目 团队 用户 读者 文章 笔记 问题 方案
细节 实现 设计 优化 调试 重构 维护 文档 示例 场景 经验 原因 结果 目标 过程 方法 招聘 面试
""")

NAMES = ["Python", "PostgreSQL", "Kubernetes", "MkDocs", "Jinja", "Redis", "SQLite", "Kafka",
         "Rust", "TypeScript", "Grafana", "Terraform", "RSS", "Atom", "JSON", "YAML", "UTF-8",
         "HTTP", "TLS", "CSS", "Git", "Linux"]

# Topic id (a community segment) -> label (a blog category): English and Chinese labels.
TOPICS = {
    "platform": "Platform", "data": "数据", "frontend": "前端", "reliability": "Reliability",
    "security": "安全", "mobile": "Mobile", "careers": "职业发展", "design": "Design",
    "hiring": "招聘", "culture": "团队文化", "tools": "Tools", "learning": "学习笔记",
}
SEGMENTS = {"topics": {"title": "Topics", "values": TOPICS}}

# Blog author key -> (name, description, avatar colour).
AUTHORS = {
    "mira": ("Mira Okafor", "Platform engineer, writes about infrastructure.", "#2f5d8a"),
    "chen": ("陈思远", "数据工程与分析。", "#8a2f5d"),
    "tomas": ("Tomás Reyes", "Design systems and accessibility.", "#2f8a5d"),
    "li": ("李静", "招聘与团队文化。", "#8a5d2f"),
}

OUTSIDE_LINKS = [
    "https://www.python.org/doc/",
    "https://www.mkdocs.org/user-guide/",
    "https://squidfunk.github.io/mkdocs-material/",
    "https://www.postgresql.org/docs/",
    "https://developer.mozilla.org/en-US/docs/Web/Accessibility",
    "https://www.w3.org/TR/WCAG22/",
    "https://zh.wikipedia.org/wiki/RSS",
    "https://www.rfc-editor.org/rfc/rfc4287",
]


@dataclass(frozen=True)
class Post:
    file_name: str  # the same in every contender's folder: relative links between posts work
    title: str
    created: dt.date
    updated: dt.date | None
    topics: tuple[str, ...]  # TOPICS keys
    authors: tuple[str, ...]  # AUTHORS keys
    body: str  # Markdown, identical for every contender


class _Writer:
    """One post's body, word by word, from the corpus' random stream."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.words = 0

    def english(self) -> str:
        return self.latin()

    def latin(self) -> str:
        count = self.rng.randint(7, 16)
        words = [self.rng.choice(ENGLISH) for _ in range(count)]
        spot = self.rng.randrange(count)
        roll = self.rng.random()
        if roll < 0.35:
            words[spot] = self.rng.choice(NAMES)
        elif roll < 0.5:
            words[spot] = f"`{words[spot]}`"
        elif roll < 0.58:
            words[spot] = f"*{words[spot]}*"
        self.words += count
        sentence = " ".join(words)
        return sentence[0].upper() + sentence[1:] + self.rng.choice(".....?!")

    def chinese(self) -> str:
        count = self.rng.randint(5, 11)
        parts = [self.rng.choice(CHINESE) for _ in range(count)]
        if self.rng.random() < 0.3:
            parts.insert(self.rng.randrange(1, count), f" {self.rng.choice(NAMES)} ")
        if count > 6:
            parts.insert(count // 2, "，")
        self.words += count
        return "".join(parts).strip() + self.rng.choice("。。。？！")

    def paragraph(self) -> str:
        sentences = self.rng.randint(2, 5)
        language = self.rng.random()
        if language < 0.4:
            return " ".join(self.english() for _ in range(sentences))
        if language < 0.75:
            return "".join(self.chinese() for _ in range(sentences))
        return " ".join(self.english() if self.rng.random() < 0.5 else self.chinese()
                        for _ in range(sentences))

    def heading(self) -> str:
        if self.rng.random() < self.english_share:
            text = " ".join(self.rng.choice(ENGLISH) for _ in range(self.rng.randint(2, 4)))
            return text[0].upper() + text[1:]
        return "".join(self.rng.choice(CHINESE) for _ in range(self.rng.randint(2, 4)))

    def bullet_list(self) -> str:
        numbered = self.rng.random() < 0.4
        items = []
        for number in range(1, self.rng.randint(3, 6) + 1):
            count = self.rng.randint(2, 8)
            pool, glue = ((ENGLISH, " ") if self.rng.random() < self.english_share
                          else (CHINESE, ""))
            self.words += count
            text = glue.join(self.rng.choice(pool) for _ in range(count))
            items.append(f"{number}. {text}" if numbered else f"* {text}")
        return "\n".join(items)

    english_share = 0.5  # of headings and list items

    def code(self) -> str:
        word = self.rng.choice(ENGLISH)
        kind = self.rng.choice(("python", "sh", "json"))
        if kind == "python":
            body = (f"def {word}_count(rows):\n    # {self.rng.choice(CHINESE)}\n"
                    f"    return sum(1 for row in rows if row.{word})")
        elif kind == "sh":
            body = f"{word} --limit {self.rng.randint(2, 64)} ./{self.rng.choice(ENGLISH)}"
        else:
            body = json.dumps({word: self.rng.randint(1, 500), "enabled": True}, indent=2)
        return f"```{kind}\n{body}\n```"

    def table(self) -> str:
        rows = ["| Item | 数量 | Note |", "| --- | ---: | --- |"]
        for _ in range(self.rng.randint(2, 5)):
            rows.append(f"| {self.rng.choice(CHINESE)} | {self.rng.randint(1, 9000)} "
                        f"| {self.rng.choice(ENGLISH)} {self.rng.choice(ENGLISH)} |")
        return "\n".join(rows)


class _ChineseWriter(_Writer):
    """A translation's body: Chinese prose where the original mixes in English (code stays
    code, product names stay names)."""

    english_share = 0.0

    def english(self) -> str:
        return self.chinese()

    def paragraph(self) -> str:
        return "".join(self.chinese() for _ in range(self.rng.randint(2, 5)))


def _title(rng: random.Random) -> str:
    name = rng.choice(NAMES)
    if rng.random() < 0.5:
        first, second = rng.sample(ENGLISH[:180], 2)
        pattern = rng.choice(("What we learned about {n} {a}", "{n} {a} without the {b}",
                              "A year of {n} {a}s", "Our {a} and {b} with {n}",
                              "Moving the {a} to {n}", "Why the {a} needs {n}"))
        return pattern.format(n=name, a=first, b=second)
    first, second = rng.sample(CHINESE[:60], 2)
    pattern = rng.choice(("{n} {a}的实践", "我们如何改进{a}与{b}", "{n} 迁移中的{a}问题",
                          "一次关于{a}的 {n} 复盘", "从{a}到{b}：{n} 笔记"))
    return pattern.format(n=name, a=first, b=second)


def _file_slug(title: str) -> str:
    """An ASCII file name part (Chinese titles have few ASCII letters; 'post' then)."""
    slug = re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")
    return slug[:48].rstrip("-") or "post"


def posts(n: int, seed: int = SEED) -> Iterator[Post]:
    """Posts 0 .. n-1. Post i depends on the seed and the posts before it only."""
    rng = random.Random(seed)
    titles: set[str] = set()
    earlier: list[tuple[str, str]] = []  # (file name, title)
    for number in range(n):
        title = _title(rng)
        while title.casefold() in titles:
            title = f"{_title(rng)} ({number})"
        titles.add(title.casefold())
        created = FIRST_DAY + dt.timedelta(days=rng.randrange(SPAN_DAYS))
        updated = (created + dt.timedelta(days=rng.randint(1, 180))
                   if rng.random() < 0.25 else None)
        topics = tuple(rng.sample(sorted(TOPICS), rng.choice((1, 1, 2, 3))))
        authors = tuple(rng.sample(sorted(AUTHORS), 2 if rng.random() < 0.15 else 1))
        file_name = f"{number:05d}-{_file_slug(title)}.md"
        post = Post(file_name, title, created, updated, topics, authors,
                    _body(rng, earlier))
        earlier.append((file_name, title))
        yield post


TRANSLATION_SUFFIX = ".zh.md"  # the second language's file names: name.zh.md beside name.md


def _translated_title(rng: random.Random, number: int) -> str:
    first, second = rng.sample(CHINESE[:60], 2)
    pattern = rng.choice(("{n} {a}的实践", "我们如何改进{a}与{b}", "{n} 迁移中的{a}问题",
                          "一次关于{a}的 {n} 复盘", "从{a}到{b}：{n} 笔记"))
    return pattern.format(n=rng.choice(NAMES), a=first, b=second) + f"（{number}）"


def _translation_stream(number: int, seed: int) -> random.Random:
    """Translation i's own random stream: never the originals', so that post i is the same
    with or without translations, and translation i the same whatever N."""
    return random.Random(f"{seed}-zh-{number}")


def translation(post: Post, number: int, earlier: Sequence[str], seed: int = SEED) -> Post:
    """Post ``number``'s Chinese translation: same file stem, date, segments and authors.

    ``earlier`` holds the file names of the posts before it; a link to one of them names the
    original's file (``00012-x.md``), as links between entries do in either language.
    """
    rng = _translation_stream(number, seed)
    title = _translated_title(rng, number)
    body = _body(rng, [], _ChineseWriter(rng))
    if earlier and rng.random() < 0.5:
        index = rng.randrange(len(earlier))
        linked_title = _translated_title(_translation_stream(index, seed), index)
        body += f"\n相关文章：[{linked_title}]({earlier[index]})\n"
    file_name = post.file_name.removesuffix(".md") + TRANSLATION_SUFFIX
    return Post(file_name, title, post.created, post.updated, post.topics, post.authors, body)


def translations(n: int, seed: int = SEED) -> Iterator[Post]:
    """The translations of posts 0 .. n-1."""
    earlier: list[str] = []
    for number, post in enumerate(posts(n, seed)):
        yield translation(post, number, earlier, seed)
        earlier.append(post.file_name)


def _body(rng: random.Random, earlier: list[tuple[str, str]],
          writer: _Writer | None = None) -> str:
    writer = writer or _Writer(rng)
    blocks = [writer.paragraph(), "<!-- more -->", writer.paragraph()]
    goal = rng.randint(300, 800)
    has_list = has_link = False
    while writer.words < goal or not (has_list and has_link):
        blocks += [f"## {writer.heading()}", writer.paragraph()]
        if not has_list or rng.random() < 0.25:
            blocks.append(writer.bullet_list())
            has_list = True
        if not has_link:
            label = rng.choice(("the documentation", "参考资料", "this overview", "官方说明"))
            blocks.append(f"{writer.paragraph()} More in [{label}]"
                          f"({rng.choice(OUTSIDE_LINKS)}).")
            if earlier and rng.random() < 0.5:
                file_name, title = earlier[rng.randrange(len(earlier))]
                blocks.append(f"Related: [{title}]({file_name})")
            has_link = True
        if rng.random() < 0.3:
            blocks += [f"### {writer.heading()}", writer.paragraph()]
        if rng.random() < 0.2:
            blocks.append(writer.code())
        if rng.random() < 0.1:
            blocks.append(writer.table())
    return "\n\n".join(blocks) + "\n"


def _quoted(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)  # a JSON string is a YAML string


# ----------------------------------------------------------------------------- writers


def community_entry(post: Post) -> str:
    lines = ["---", f"title: {_quoted(post.title)}", f"date: {post.created.isoformat()}"]
    if post.updated:
        lines.append(f"updated: {post.updated.isoformat()}")
    lines += [f"segments: [{', '.join(post.topics)}]",
              f"author: {_quoted(AUTHORS[post.authors[0]][0])}", "---", "", ""]
    return "\n".join(lines) + post.body


def blog_post(post: Post) -> str:
    lines = ["---", f"title: {_quoted(post.title)}", "date:",
             f"  created: {post.created.isoformat()}"]
    if post.updated:
        lines.append(f"  updated: {post.updated.isoformat()}")
    lines += ["categories:", *[f"  - {_quoted(TOPICS[topic])}" for topic in post.topics],
              "authors:", *[f"  - {author}" for author in post.authors], "---", "", ""]
    return "\n".join(lines) + post.body


def plain_page(post: Post) -> str:
    return f"---\ntitle: {_quoted(post.title)}\n---\n\n" + post.body


def write_community(docs: Path, n: int, seed: int = SEED, translated: bool = False) -> int:
    """The posts as news entries in docs/news/ (kept: the caller owns docs/); with
    ``translated``, each one's Chinese translation beside it. The number of files written."""
    written = _write(docs / "news", n, seed, community_entry)
    if translated:
        for post in translations(n, seed):
            (docs / "news" / post.file_name).write_text(community_entry(post), encoding="utf-8")
            written += 1
    return written


# Every contender renders the posts with the same Markdown extensions.
MARKDOWN_EXTENSIONS = """\
markdown_extensions:
  - toc:
      permalink: true
  - tables
  - fenced_code
"""

PEER_CONFIG = """\
# Written by bench/corpus.py: the benchmark corpus as an mkdocs-material blog.
site_name: Peer blog
site_url: https://example.org/
theme:
  name: material
  language: en
  font: false
nav:
  - Home: index.md
  - Blog:
      - blog/index.md
""" + MARKDOWN_EXTENSIONS + """\
plugins:
  - search
  - blog:
      blog_dir: blog
      post_url_format: "{date}/{slug}"
      post_excerpt: optional
      archive: true
      categories: true
      authors: true
      pagination: true
      pagination_per_page: 10
  - rss:
      match_path: "blog/posts/.*"
      use_git: false
      date_from_meta:
        as_creation: date.created
        as_update: date.updated
      categories:
        - categories
      length: 20
"""

AVATAR = ('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 48 48" width="48" height="48">'
          '<circle cx="24" cy="24" r="24" fill="{colour}"/></svg>\n')


def write_peer(project: Path, n: int, seed: int = SEED) -> int:
    """A fresh MkDocs project in ``project`` (wiped first) for the blog + rss peer."""
    shutil.rmtree(project, ignore_errors=True)
    blog = project / "docs" / "blog"
    (blog / "avatars").mkdir(parents=True)
    (project / "mkdocs.yml").write_text(PEER_CONFIG, encoding="utf-8")
    (project / "docs" / "index.md").write_text("# Peer blog\n\nThe [posts](blog/index.md).\n",
                                               encoding="utf-8")
    (blog / "index.md").write_text("# Blog\n", encoding="utf-8")
    authors = ["authors:"]
    for key, (name, description, colour) in sorted(AUTHORS.items()):
        (blog / "avatars" / f"{key}.svg").write_text(AVATAR.format(colour=colour),
                                                     encoding="utf-8")
        authors += [f"  {key}:", f"    name: {_quoted(name)}",
                    f"    description: {_quoted(description)}",
                    f"    avatar: blog/avatars/{key}.svg"]
    (blog / ".authors.yml").write_text("\n".join(authors) + "\n", encoding="utf-8")
    return _write(blog / "posts", n, seed, blog_post)


FLOOR_CONFIG = """\
# Written by bench/corpus.py: the benchmark corpus as plain Material pages, no plugin.
site_name: Floor
site_url: https://example.org/
theme:
  name: material
  font: false
nav: [index.md]
not_in_nav: /posts/
""" + MARKDOWN_EXTENSIONS


def write_floor(project: Path, n: int, seed: int = SEED) -> int:
    """A fresh MkDocs project in ``project`` (wiped first): the posts as plain pages."""
    shutil.rmtree(project, ignore_errors=True)
    (project / "docs").mkdir(parents=True)
    (project / "mkdocs.yml").write_text(FLOOR_CONFIG, encoding="utf-8")
    (project / "docs" / "index.md").write_text("# Floor\n", encoding="utf-8")
    return _write(project / "docs" / "posts", n, seed, plain_page)


def _write(folder: Path, n: int, seed: int, shape: Callable[[Post], str]) -> int:
    folder.mkdir(parents=True, exist_ok=True)
    for post in posts(n, seed):
        (folder / post.file_name).write_text(shape(post), encoding="utf-8")
    return n


WRITERS = {"community": write_community, "peer": write_peer, "floor": write_floor}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("n", type=int, help="number of posts")
    parser.add_argument("shape", choices=sorted(WRITERS), help="whose project to write")
    parser.add_argument("dir", type=Path, help="where (community: the docs folder)")
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--translated", action="store_true",
                        help="community only: each entry's Chinese translation beside it")
    args = parser.parse_args(argv)
    if args.translated and args.shape != "community":
        parser.error("--translated writes community entries only")
    if args.translated:
        write_community(args.dir, args.n, args.seed, translated=True)
    else:
        WRITERS[args.shape](args.dir, args.n, args.seed)
    print(f"wrote {args.n} posts ({args.shape}) to {args.dir}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
