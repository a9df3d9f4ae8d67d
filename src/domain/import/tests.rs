use super::*;
use crate::domain::Lang;
use crate::domain::model::Count;

const MAPPING: &str = r#"
date_format = "%d/%m/%Y"
[columns]
internal_reference = "Diarienr"
title = "Rubrik"
discovered = "Upptäckt"
what_happened = "Typ"
data_subjects = "Antal"
closed = "Avslutad"
notified_imy = "Anmäld"
[values.what_happened]
"Felskick" = "misdirected_communication"
"#;

fn context() -> RowContext {
    RowContext {
        file: "gamla.csv".into(),
        lang: Lang::Sv,
        zone: chrono_tz::Europe::Stockholm,
        now: chrono::DateTime::parse_from_rfc3339("2026-12-01T10:00:00+01:00").unwrap(),
        author: "Test".into(),
    }
}

fn rows(text: &str) -> (Mapping, Table) {
    (
        Mapping::parse(MAPPING).unwrap(),
        read_table(decode(text.as_bytes()).unwrap(), None).unwrap(),
    )
}

#[test]
fn a_row_becomes_a_report_with_its_old_id_and_a_closure() {
    let (mapping, table) = rows(
        "\u{feff}Diarienr;Rubrik;Upptäckt;Typ;Antal;Avslutad;Anmäld\nDNR-7;Brev till fel mottagare;03/02/2021 14:05;Felskick;12;10/02/2021;04/02/2021\n",
    );
    let (line, cells) = &table.rows[0];
    assert_eq!(*line, 2);
    let row = build_row(&mapping, &table, *line, cells, &context()).unwrap();
    assert_eq!(row.report.internal_reference.as_deref(), Some("DNR-7"));
    assert_eq!(row.report.discovered.to_string(), "2021-02-03 14:05");
    assert_eq!(row.report.id.year(), 2021);
    assert_eq!(
        row.report.what_happened.unwrap().key,
        "misdirected_communication"
    );
    assert_eq!(row.report.data_subjects, Some(Count::exact(12)));
    let closure = row.closure.unwrap();
    assert_eq!(closure.closed_at.to_rfc3339(), "2021-02-10T00:00:00+01:00");
    assert!(closure.root_cause.contains("gamla.csv rad 2"));
    let submitted = row.notification.unwrap().imy.unwrap().submitted_at.unwrap();
    assert_eq!(submitted.to_rfc3339(), "2021-02-04T23:59:00+01:00");
}

#[test]
fn each_problem_names_its_line_column_and_field() {
    let (mapping, table) =
        rows("Diarienr,Rubrik,Upptäckt,Typ,Antal,Avslutad\nA,,2021-02-03,Okänd,många,\n");
    let (line, cells) = &table.rows[0];
    let problems = build_row(&mapping, &table, *line, cells, &context()).unwrap_err();
    let found: Vec<(u64, Option<&str>, &str)> = problems
        .iter()
        .map(|p| (p.line, p.column.as_deref(), p.field.as_str()))
        .collect();
    assert_eq!(
        found,
        [
            (2, Some("Upptäckt"), "discovered"),
            (2, Some("Typ"), "what_happened"),
            (2, Some("Antal"), "data_subjects"),
            (2, Some("Rubrik"), "title"),
        ]
    );
}

#[test]
fn the_file_is_decoded_or_its_encoding_named() {
    assert_eq!(decode(b"\xef\xbb\xbfa,b\n").unwrap(), "a,b\n");
    let windows = b"Rubrik\nBrev\nFelskick till G\xf6teborg\n";
    assert_eq!(
        decode(windows).unwrap_err(),
        CsvProblem::NotUtf8 {
            line: 3,
            windows_1252: true
        }
    );
    assert_eq!(read_table("", None).unwrap_err(), CsvProblem::Empty);
    assert_eq!(read_table("a,b\n", None).unwrap_err(), CsvProblem::NoRows);
}

#[test]
fn an_unclosed_quote_is_found_at_its_line() {
    let text = "a,b\n1,2\n3,\"fyra\n5,6\n";
    assert_eq!(
        read_table(text, None).unwrap_err(),
        CsvProblem::Quote { line: 3 }
    );
    assert_eq!(
        read_table("a,b\n1,2\n3,4,5\n", None).unwrap_err(),
        CsvProblem::Cells {
            line: 3,
            found: 3,
            expected: 2
        }
    );
}

#[test]
fn a_mapping_names_known_fields_and_the_required_ones() {
    assert!(
        Mapping::parse("[columns]\ntitle = \"R\"\n")
            .unwrap_err()
            .get(Lang::En)
            .contains("discovered")
    );
    assert!(
        Mapping::parse("[columns]\ntitle = \"R\"\ndiscovered = \"U\"\ncolour = \"F\"\n")
            .unwrap_err()
            .get(Lang::En)
            .contains("colour")
    );
    let mapping = Mapping::parse(MAPPING).unwrap();
    assert_eq!(mapping.column_of("what_happened.comment"), Some("Typ"));
    assert_eq!(mapping.column_of("closed_at"), Some("Avslutad"));
}

#[test]
fn rows_whose_old_id_the_register_holds_are_set_aside() {
    let (mapping, table) = rows(
        "Diarienr;Rubrik;Upptäckt;Typ;Antal;Avslutad;Anmäld\nDNR-7;Brev;03/02/2021;Felskick;12;;\nDNR-8;Mejl;04/02/2021;Felskick;2;;\n",
    );
    let built: Vec<ImportedRow> = table
        .rows
        .iter()
        .map(|(line, cells)| build_row(&mapping, &table, *line, cells, &context()).unwrap())
        .collect();
    let id: crate::domain::IncidentId = "2021-0001".parse().unwrap();
    let held = BTreeMap::from([("DNR-7".to_string(), id.clone())]);
    let (fresh, already) = set_aside_held(built, &held);
    assert_eq!(fresh.len(), 1);
    assert_eq!(fresh[0].report.internal_reference.as_deref(), Some("DNR-8"));
    assert_eq!(
        already,
        vec![AlreadyHeld {
            line: 2,
            reference: "DNR-7".into(),
            id
        }]
    );
}
