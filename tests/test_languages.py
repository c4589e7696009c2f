"""One community in several languages (#18), in the core: settings, translations, pages,
feeds, calendars and forms per language, hreflang, untranslated entries, and the default
language left exactly as it was when a language is added.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from generator.errors import ContentError
from generator.settings import load_settings

# --------------------------------------------------------------------------- settings

LANGUAGES = {"en": {"name": "English"},
             "zh": {"name": "中文", "site_name": "Northwind 人才社区",
                    "labels": {"teams": "团队", "engineering": "工程"},
                    "strings": {"job.apply": "立即申请"}}}
SEGMENTS = {"teams": {"title": "Teams", "values": {"engineering": "Engineering",
                                                   "design": "Design"}}}


def _load(tmp_path: Path, options: dict, language: str = "en") -> object:
    """load_settings on an mkdocs.yml holding ``options`` (lines as an editor writes them)."""
    config = tmp_path / "mkdocs.yml"
    config.write_text(yaml.safe_dump({"site_name": "S", "plugins": [{"community": options}]},
                                     allow_unicode=True, sort_keys=False), encoding="utf-8")
    return load_settings(options, config, language=language)


def test_languages_are_read_in_order_with_their_labels_and_strings(tmp_path: Path) -> None:
    options = {"organization": {"name": "N"}, "segments": SEGMENTS, "languages": LANGUAGES,
               "strings": {"job.apply": "Send us your application"}}
    settings = _load(tmp_path, options)
    assert list(settings.languages) == ["en", "zh"] and settings.untranslated == "show"
    zh = settings.in_language("zh")
    assert zh.segments["teams"].title == "团队"
    assert zh.segment_label("engineering") == "工程" and zh.segment_label("design") == "Design"
    # The top-level strings are the default language's wording; zh has its own only.
    assert settings.language_strings("en") == {"job.apply": "Send us your application"}
    assert settings.language_strings("zh") == {"job.apply": "立即申请"}
    assert settings.in_language("en").segments == settings.segments


@pytest.mark.parametrize(("options", "language", "expected"), [
    ({"languages": {"zh": {"name": "中文"}, "en": {"name": "English"}}}, "en",
     ":13: plugins.community.languages.zh: the first language is the site's default and must "
     "be theme.language ('en')"),
    ({"languages": {"en": {"name": "English"}, "zh": {"name": "中文",
                                                      "labels": {"enginering": "工程"}}}},
     "en", ":18: plugins.community.languages.zh.labels.enginering: 'enginering' is neither"),
    ({"languages": {"en": {"name": "English"}, "zh": {"name": "中文",
                                                      "strings": {"job.aply": "申请"}}}},
     "en", ":18: plugins.community.languages.zh.strings.job.aply: 'job.aply' is not an "
     "interface string; did you mean 'job.apply'?"),
    ({"languages": {"en": {}}}, "en",
     ":13: plugins.community.languages.en.name: is required"),
    ({"languages": {"EN": {"name": "English"}}}, "en",
     ":13: plugins.community.languages.EN.[key]: 'EN' is not a language code like en"),
    ({"untranslated": "hide"}, "en",
     ":12: plugins.community.untranslated: 'hide' is not one of: 'show' or 'omit'"),
])
def test_a_wrong_language_setting_names_its_line(tmp_path: Path, options: dict, language: str,
                                                 expected: str) -> None:
    options = {"organization": {"name": "N"}, "segments": SEGMENTS, **options}
    with pytest.raises(ContentError) as raised:
        _load(tmp_path, options, language)
    reported = [str(problem) for problem in raised.value.problems]
    assert len(reported) == 1 and expected in reported[0], reported
