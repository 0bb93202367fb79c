from portal.management.commands.check_translations import missing_danish_translations


def test_every_string_has_a_danish_translation():
    problems = missing_danish_translations()
    assert problems == [], "Missing Danish translations:\n" + "\n".join(problems)


def test_a_new_untranslated_string_is_caught(tmp_path, settings, monkeypatch):
    """The check must fail when a template gains a string nobody translated."""
    template = settings.BASE_DIR / "templates" / "_translation_probe.html"
    template.write_text('{% load i18n %}{% translate "A string nobody has translated yet" %}')
    try:
        problems = missing_danish_translations()
    finally:
        template.unlink()
    assert any("A string nobody has translated yet" in problem for problem in problems)
