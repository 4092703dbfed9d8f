"""Load data (administrators): an agency export in its own columns, read through a mapping,
previewed column by column and row by row, then loaded with a progress bar and a report."""

import pandas as pd
import streamlit as st

from explorer import loading, tables
from explorer.session import account, log, require_purpose, user
from graph_loader.load import LoadError
from graph_loader.mapping.model import MAX_MAPPING_BYTES, MappingError
from jigsaw.access import UserRole
from jigsaw.text import plural

st.title("Load data")
signed_in = account()
if signed_in is None or signed_in.role != UserRole.admin:  # the navigation hides it; a URL must not open it
    st.error("Loading data is for administrators only.")
    st.stop()
st.caption(
    "Load an agency's export as its case system writes it. A mapping says which column is which common "
    "field and how codes and dates are written; check it with a dry run, then load. Nothing about a child "
    "is dropped silently: every row that cannot load is listed with its row and column, and kept."
)
reference = require_purpose()


def show_problem(title: str, detail: str) -> None:
    st.error(title)
    st.code(detail, language=None)  # shown as text: file and column names are not markup


# The browser refuses a larger file before sending it; `loading.accept` checks again on the server.
uploaded = st.file_uploader(
    "Agency export (CSV)",
    type=["csv"],
    key="export_file",
    max_upload_size=max(1, loading.MAX_UPLOAD_BYTES // (1024 * 1024)),
)
choice = st.radio("Mapping", ["A committed example", "Upload a mapping"], horizontal=True, key="mapping_choice")
examples = loading.examples()
if choice == "A committed example":
    picked = st.selectbox("Example mapping (shipped with Jigsaw)", list(examples), key="mapping_example")
    mapping_name, original = picked or "mapping.toml", examples[picked].read_text(encoding="utf-8") if picked else ""
else:
    own = st.file_uploader("Mapping (TOML)", type=["toml"], key="mapping_file", max_upload_size=1)
    mapping_name = own.name if own else "mapping.toml"
    # one byte over the limit is enough for the mapping's own check to refuse it, with the reason
    original = own.getvalue()[: MAX_MAPPING_BYTES + 1].decode("utf-8", "replace") if own else ""
text = st.text_area(
    "Mapping: adjust if needed (what is loaded is recorded on the load)",
    value=original,
    height=300,
    key=f"mapping_text:{mapping_name}",
)

if uploaded is None or not text.strip():
    st.info("Upload an export and choose a mapping to continue.")
    st.stop()
try:
    upload = loading.accept(uploaded.name, uploaded.getvalue())
    mapping = loading.mapping_from_text(text, mapping_name)
except loading.UploadRefused as err:
    show_problem("This file is not loaded.", str(err))
    st.stop()
except MappingError as err:
    show_problem("The mapping cannot be used as it is.", str(err))
    st.stop()

checked_key = (upload.checksum, mapping.checksum)
if st.button("Dry run", key="dry_run"):
    try:
        st.session_state["load_data_preview"] = (checked_key, loading.dry_run(mapping, upload))
        found = st.session_state["load_data_preview"][1]  # the preview shows the file's rows: a view, logged
        log(
            "consultation",
            "load dry run",
            file_checksum=upload.checksum,
            mapping_name=mapping.mapping.name,
            mapping_checksum=mapping.checksum,
            rows_read=found.rows_read,
            rows_rejected=len(found.rejections),
            values_doubtful=len(found.doubts),
        )
    except LoadError as err:
        show_problem("Nothing can be loaded from this file with this mapping.", str(err))
        st.stop()
checked = st.session_state.get("load_data_preview")
if not checked or checked[0] != checked_key:
    st.info("Run a dry run first: it shows what each column becomes and every row that would not load.")
    st.stop()

result = checked[1]
st.subheader("Columns")
tables.show(
    pd.DataFrame(
        [
            {
                "column in the file": c.original,
                "goes to": f"{c.output}.{c.fields}",
                "sample values": " | ".join(c.samples),
            }
            for c in result.columns
        ]
    ),
    hide_index=True,
    width="stretch",
)
st.write(
    f"{plural(result.rows_read, 'row')} read, {plural(result.records_valid, 'record')} would load, "
    f"{plural(len(result.doubts), 'value')} would be kept but marked doubtful, "
    f"{plural(len(result.rejections), 'row')} could not be placed."
)
for notice in result.notices:
    st.text(f"Note: {notice}")
if result.doubts:
    st.subheader("Values kept but doubtful")
    st.caption(
        "Each is kept exactly as recorded and its record loads; the value is left out of identity matching and ages."
    )
    tables.show(
        pd.DataFrame(
            [{"row": d.row, "column": d.field, "as recorded": d.as_recorded, "reason": d.reason} for d in result.doubts]
        ),
        hide_index=True,
        width="stretch",
    )
if result.rejections:
    st.subheader("Rows that cannot be placed (kept in quarantine)")
    tables.show(
        pd.DataFrame([{"row": r.row, "column": f, "reason": why} for r in result.rejections for f, why in r.errors]),
        hide_index=True,
        width="stretch",
    )

if st.button("Load", type="primary", key="load"):
    bar = st.progress(0.0, text="starting")

    def progress(stage: str, done: int, total: int) -> None:
        bar.progress(min(done / total, 1.0) if total else 1.0, text=stage)

    try:
        report, resolved = loading.load(mapping, upload, user(), progress)
    except LoadError as err:
        show_problem("Nothing loaded.", str(err))
        st.stop()
    log(
        "collection",
        "load",
        load_id=report.load_id,
        sources=report.sources,
        rows_read=report.rows_read,
        rows_rejected=report.rows_rejected,
        records_new=report.records_new,
        file_checksum=upload.checksum,
        mapping_name=mapping.mapping.name,
        mapping_checksum=mapping.checksum,
    )
    if resolved is not None:  # combining records across agencies is logged as such, as after `jigsaw load`
        log("combination", "identity run", **{k: v for k, v in resolved.__dict__.items() if isinstance(v, int)})
    bar.progress(1.0, text="done")
    st.success(
        f"Load {report.load_id}: {report.records_new} new, {report.records_changed} changed, "
        f"{report.records_unchanged} unchanged; {plural(report.rows_rejected, 'row')} kept in quarantine."
    )
    tables.show(pd.DataFrame([{"measure": k, "value": str(v)} for k, v in report.counts().items()]), hide_index=True)
    if report.rejections:
        tables.show(pd.DataFrame(report.rejections), hide_index=True, width="stretch")
