"""The models' second opinions: the shipped files are fresh training runs, and they read."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.understanding import model, train
from bot.understanding.normalise import normalise


def test_shipped_model_matches_a_fresh_training_run() -> None:
    missing = [str(p) for p in train.TRAINING_SETS if not p.exists()]
    assert not missing, f"training sets missing (shared/ belongs beside the repo): {missing}"
    assert model.MODEL_FILE.read_text(encoding="utf-8") == train.dump(train.train(train.rows()))


def test_shipped_linear_classifier_matches_a_fresh_training_run() -> None:
    data = train.rows()
    fresh = train.train_linear(data, train.train(data))
    assert model.LINEAR_FILE.read_text(encoding="utf-8") == fresh


def test_linear_scores_are_scikit_learns() -> None:
    # The packed fixed-point sums give the decision function of the trained scikit-learn
    # model itself, on messages it was and was not trained on.
    from sklearn.feature_extraction.text import CountVectorizer, TfidfTransformer
    from sklearn.svm import LinearSVC

    data = train.rows()[:3000]
    counts = train.train(data)
    nb = model.NaiveBayes.from_counts(counts, train.train_linear(data, counts).splitlines())
    vocab = sorted({g for per in counts.values() for g in per if g})
    rows = [r for r in data if train.label(r) is not None]
    texts = [model.grams(train.text_of(r["text"])) for r in rows]
    counted = CountVectorizer(analyzer=list, vocabulary=vocab, binary=True, lowercase=False)
    tfidf = TfidfTransformer()
    x = tfidf.fit_transform(counted.transform(texts))
    is_chat = LinearSVC(C=train._SVM_C, random_state=0, max_iter=10_000)
    is_chat.fit(x, [train.label(r) == model.CHAT for r in rows])
    told = [i for i, r in enumerate(rows) if r["intent"] == "report" and isinstance(r.get("urgent"), bool)]
    is_urgent = LinearSVC(C=train._SVM_C, random_state=0, max_iter=10_000)
    is_urgent.fit(x[told], [rows[i]["urgent"] for i in told])
    unseen = ["5栋电梯又坏了，困了两个人", "大家早上好", "南门门禁刷不开", "今晚七点开会"]
    texts = [train.text_of(r["text"]) for r in rows[:500]] + [normalise(t) for t in unseen]
    seen = tfidf.transform(counted.transform([model.grams(t) for t in texts]))
    for svm, score in ((is_chat, nb.chat_score), (is_urgent, nb.urgent_score)):
        want = svm.decision_function(seen)
        got = [score(t) for t in texts]
        assert max(abs(g - w) for g, w in zip(got, want, strict=True)) < 1e-3


def test_linear_classifier_tells_chat_from_a_report() -> None:
    nb = model.shipped()
    assert nb is not None
    assert nb.chat_score(normalise("5栋停电了")) < 0 < nb.chat_score(normalise("大家早上好，今天天气不错"))
    assert nb.chat_score("") == pytest.approx(nb.chat_score("☃☃"))  # no known gram: the intercept


def test_without_the_linear_file_the_naive_bayes_still_reads(tmp_path: Path) -> None:
    nb = model.load(linear=tmp_path / "missing.tsv")
    assert nb is not None and nb.chat_score(normalise("5栋停电了")) is None
    assert nb.best_category(normalise("三栋的电梯门关不上"))[0] == "elevator"


TINY = {"chat": {"": 1, "电": 1}, "elevator": {"": 1, "电梯": 1}}  # grams 电 and 电梯


@pytest.mark.parametrize(
    "lines",
    [
        [],
        ["电\t0\t0\t1", "电梯\t3\t3\t4"],
        ["intercept\t1", "电\t0\t0\t1", "电梯\t3\t3\t4"],
        ["intercept\t1\t1", "电\t0\t0\t1", "电梯\t3\t4"],
        ["intercept\t1\t1", "电\t0\t0\t1", "电梯\t3\t3\t4\t5"],
        ["intercept\t1\t1", "电\t0\t0\t1", "电梯\tthree\t3\t4"],
        ["intercept\tone\t1", "电\t0\t0\t1", "电梯\t3\t3\t4"],
        ["intercept\t1\t1", "电\t0\t0\t1", f"电梯\t3\t{1 << 40}\t4"],
        ["intercept\t1\t1", "电\t0\t0\t1", "电梯\t3\t3\t-4"],
        ["intercept\t1\t1", "电梯\t3\t3\t4"],  # a gram of the table left out
        ["intercept\t1\t1", "电梯\t3\t3\t4", "电\t0\t0\t1"],  # out of order
        ["intercept\t1\t1", "电\t0\t0\t1"],  # ends early
        ["intercept\t1\t1", "电\t0\t0\t1", "电梯\t3\t3\t4", "梯\t1\t1\t1"],  # a gram too many
    ],
)
def test_a_broken_linear_file_is_a_clear_error_and_leaves_the_naive_bayes_whole(lines: list[str]) -> None:
    alone = model.NaiveBayes.from_counts(TINY)
    nb = model.NaiveBayes.from_counts(TINY, lines)
    assert nb.linear_error and "linear.tsv" in nb.linear_error
    assert nb.chat_score("电梯") is None and nb.urgent_score("电梯") is None  # none half taken in
    assert nb.posteriors("电梯") == alone.posteriors("电梯")  # and the naive Bayes untouched
    assert nb._rows == alone._rows


def test_a_linear_file_reads_with_or_without_its_newlines() -> None:
    # (weights in steps of 1/2048, idf squared in steps of 1/256)
    for lines in (["intercept\t2048\t-2048\n", "电\t0\t0\t0\n", "电梯\t-2048\t4096\t256\n"],
                  ["intercept\t2048\t-2048", "电\t0\t0\t0", "电梯\t-2048\t4096\t256"]):
        nb = model.NaiveBayes.from_counts(TINY, lines)
        assert nb.linear_error is None
        assert nb.chat_score("电梯") == pytest.approx(0.0)  # 1 + (-1 x 1) / sqrt(1)
        assert nb.urgent_score("电梯") == pytest.approx(1.0)  # -1 + 2 x 1 / sqrt(1)


def test_a_table_reads_back_as_its_counts() -> None:
    lines = list(model.table(TINY))
    assert lines == ["classes\tchat\televator", "messages\t1\t1", "grams\t1\t1", "vocabulary\t3",
                     "电\t0:1", "电梯\t1:1"]
    nb = model.NaiveBayes(lines)
    assert nb.classes == ("chat", "elevator") and nb.best_category("电梯")[0] == "elevator"


@pytest.mark.parametrize(
    "lines",
    [
        [],
        ["classes\tchat", "messages\t1", "grams\t1", "vocabulary\t2", "电\t0:1"],  # no category
        ["classes\tchat\tchat", "messages\t1\t1", "grams\t1\t1", "vocabulary\t3", "电\t0:1", "梯\t1:1"],
        ["classes\tchat\televator", "messages\t1", "grams\t1\t1", "vocabulary\t3", "电\t0:1", "电梯\t1:1"],
        ["classes\tchat\televator", "messages\tx\t1", "grams\t1\t1", "vocabulary\t3", "电\t0:1", "电梯\t1:1"],
        ["classes\tchat\televator", "messages\t1\t1", "grams\t1\t1", "vocabulary\t3", "电\t0:1", "电梯\t2:1"],
        ["classes\tchat\televator", "messages\t1\t1", "grams\t1\t1", "vocabulary\t3", "电\t0:1", "电梯\t1:0"],
        ["classes\tchat\televator", "messages\t1\t1", "grams\t1\t1", "vocabulary\t3", "电\t0:1", "电梯\t1"],
        ["classes\tchat\televator", "messages\t1\t1", "grams\t1\t1", "vocabulary\t3", "电\t0:1", "电\t1:1"],
        ["classes\tchat\televator", "messages\t1\t1", "grams\t1\t1", "vocabulary\t3", "电\t0:1", "电梯"],
        ["classes\tchat\televator", "messages\t1\t1", "grams\t1\t2", "vocabulary\t3", "电\t0:1", "电梯\t1:1"],
        ["classes\tchat\televator", "messages\t1\t1", "grams\t1\t1", "vocabulary\t4", "电\t0:1", "电梯\t1:1"],
    ],
)
def test_a_broken_table_is_a_clear_error(lines: list[str]) -> None:
    with pytest.raises(ValueError, match="table"):
        model.NaiveBayes(lines)


def test_grams_fold_numbers_and_drop_punctuation() -> None:
    assert model.grams("12栋, 漏") == ["0", "栋", "漏", "0栋", "栋漏", "0栋漏"]


def test_model_tells_a_fault_from_small_talk() -> None:
    nb = model.shipped()
    assert nb is not None
    category, p_report = nb.best_category(normalise("三栋的电梯门关不上"))
    assert category == "elevator" and p_report > 0.9
    assert nb.best_category(normalise("大家早上好，今天天气不错"))[1] < 0.1


def test_cross_validation_model_is_no_worse_than_rules_alone() -> None:
    missing = [str(p) for p in train.TRAINING_SETS if not p.exists()]
    assert not missing, f"training sets missing (shared/ belongs beside the repo): {missing}"
    got = train.cross_validate(5, train.rows())
    # The model vetoes chat the rules file as reports and never files more of it.
    assert got["model"]["chat_filed_as_report"] <= got["rules"]["chat_filed_as_report"]
    assert got["model"]["false_alarms"] <= got["rules"]["false_alarms"]
    assert got["model"]["intent"] >= got["rules"]["intent"]
    assert got["model"]["category"] >= got["rules"]["category"]


@pytest.mark.parametrize(
    "linear_text",
    ["intercept\t1\t1\n电梯\tthree\t3\t4\n", "oops\n", "\xff\xfe not text"],
)
def test_a_broken_linear_file_is_logged_and_left_out(
    tmp_path: Path, linear_text: str, caplog: pytest.LogCaptureFixture
) -> None:
    broken = tmp_path / "linear.tsv"
    broken.write_bytes(linear_text.encode("latin-1") if linear_text.startswith("\xff") else linear_text.encode())
    nb = model.load(linear=broken)
    assert nb is not None and nb.chat_score(normalise("5栋停电了")) is None
    assert nb.best_category(normalise("三栋的电梯门关不上"))[0] == "elevator"
    assert "linear.tsv is unusable" in caplog.text


@pytest.mark.parametrize("table_text", ["{", "", "classes\tchat\n", '{"counts": {"chat": 3}}'])
def test_a_broken_table_file_leaves_the_rules_alone(
    tmp_path: Path, table_text: str, caplog: pytest.LogCaptureFixture
) -> None:
    broken = tmp_path / "model.tsv"
    broken.write_text(table_text, encoding="utf-8")
    assert model.load(broken) is None
    assert "model.tsv is unusable" in caplog.text


def test_an_unreadable_table_file_leaves_the_rules_alone(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    broken = tmp_path / "model.tsv"
    broken.write_bytes(b"classes\tchat\televator\n\xff\xfe")
    assert model.load(broken) is None
    assert "model.tsv is unusable" in caplog.text
