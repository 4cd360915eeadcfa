import reportedly

PUBLIC_API = {
    "Analysis",
    "Article",
    "Attribution",
    "Event",
    "ReportedlyError",
    "__version__",
    "analyse",
    "build_nlp",
    "open_store",
    "process",
    "read",
}


def test_public_api_is_pinned() -> None:
    assert set(reportedly.__all__) == PUBLIC_API
    for name in PUBLIC_API:
        assert getattr(reportedly, name) is not None


def test_errors_form_one_tree() -> None:
    from reportedly import errors

    for name in ("ConfigError", "IngestError", "ExtractionError", "StoreError", "NotFoundError"):
        assert issubclass(getattr(errors, name), reportedly.ReportedlyError)
