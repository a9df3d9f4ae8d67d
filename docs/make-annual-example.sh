#!/usr/bin/env bash
# Builds examples/annual-register: a made-up year (2026) of incidents across months,
# causes and severity bands, notified within and after 72 hours, for the annual
# follow-up's example and the README's screenshot (docs/annual-report.png).
# Run from the repository: docs/make-annual-example.sh [path to the incident binary]
set -euo pipefail
cd "$(dirname "$0")/.."
incident=${1:-target/debug/incident}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export INCIDENT_AUTHOR="Dataskyddsombudet <dso@example.org>" INCIDENT_LANG=sv
export GIT_CONFIG_GLOBAL=/dev/null GIT_CONFIG_NOSYSTEM=1 HOME="$work"
run() { INCIDENT_NOW="$1" "$incident" --register "$work/r" "${@:2}" >/dev/null; }

INCIDENT_NOW=2026-01-01T09:00:00+01:00 "$incident" init "$work/r" --organisation "Exempelkommunen" \
  --org-number 212000-0000 --street "Box 1" --postal-code "123 45" --city Exempelstad \
  --sector public --area social_services --dpo-name "Dataskyddsombudet" \
  --dpo-email dso@example.org --contact-name "Registrator" --contact-email registrator@example.org \
  --contact-phone "000-000 00 00" >/dev/null

# new DISCOVERED TITLE WHAT CAUSE
count=0
new() {
  run "${1/ /T}:00+01:00" new --no-input --confirm-time --discovered "$1" --title "$2" \
    --what-happened "$3" --cause "$4"
  count=$((count + 1))
  run "${1/ /T}:00+01:00" verdict "$(printf '2026-%04d' "$count")" personal_data_breach \
    --reason "Personuppgifter har röjts för obehöriga; bedömt av dataskyddsombudet."
}
# assess ID AT CATEGORY EASE CONFIDENTIALITY REASONING
assess() {
  run "${2/ /T}:00+01:00" assess "$1" --category "$3" --ease "$4" --confidentiality "$5" \
    --integrity none --availability none --reasoning "$6"
}
# notified ID AT [late reason]
notified() {
  if [ $# -gt 2 ]; then
    run "${2/ /T}:00+02:00" notified imy "$1" --at "$2" --confirm-time --late-reason "$3"
  else
    run "${2/ /T}:00+01:00" notified imy "$1" --at "$2" --confirm-time
  fi
}

new "2026-01-14 09:00" "Brev med beslut till fel vårdnadshavare" misdirected_communication human_error_individual
assess 2026-0001 "2026-01-14 13:00" behavioural maximum known_recipients "Beslut om en elev till en annan familj; mottagaren har raderat brevet."
notified 2026-0001 "2026-01-15 10:00"
new "2026-02-03 08:30" "E-post med personnummer till fel mottagare" misdirected_communication human_error_individual
assess 2026-0002 "2026-02-03 11:00" simple negligible none "Ett personnummer till en kollega i en annan förvaltning; raderat samma dag."
new "2026-02-20 14:00" "Fel behörighet i verksamhetssystemet" disclosure_other technical_error
assess 2026-0003 "2026-02-21 09:00" sensitive maximum unknown_recipients "Journalanteckningar var läsbara för hela förvaltningen i två veckor."
notified 2026-0003 "2026-02-23 10:00"
new "2026-03-10 10:00" "Förlorad mobiltelefon utan skärmlås" disclosure_other human_error_individual
assess 2026-0004 "2026-03-10 15:00" behavioural significant unknown_recipients "Kontakter och sms med brukare; telefonen kunde inte raderas på distans."
notified 2026-0004 "2026-03-14 09:00" "Telefonen anmäldes förlorad först efter helgen."
new "2026-04-07 09:15" "Utskrift i fel skrivare" misdirected_communication human_error_individual
assess 2026-0005 "2026-04-07 10:00" simple limited none "Utskriften hämtades av en kollega och förstördes."
new "2026-05-19 16:00" "Fil med elevuppgifter i delad mapp" disclosure_other technical_error
assess 2026-0006 "2026-05-20 09:00" financial maximum known_recipients "Uppgifter om försörjningsstöd i en mapp som fler kunde läsa."
notified 2026-0006 "2026-05-21 15:30"
new "2026-06-02 11:00" "Webbformulär visade andras svar" disclosure_other technical_error
assess 2026-0007 "2026-06-02 14:00" behavioural maximum unknown_recipients "Svaren i ett kontaktformulär syntes för nästa besökare under en timme."
notified 2026-0007 "2026-06-04 09:00"
new "2026-06-24 08:00" "Kallelse med diagnos till fel adress" misdirected_communication human_error_individual
assess 2026-0008 "2026-06-24 12:00" sensitive maximum known_recipients "En kallelse med diagnos till en granne; brevet återlämnat öppnat."
notified 2026-0008 "2026-06-29 10:00" "Semesterbemanning: dataskyddsombudet nåddes först efter midsommar."
new "2026-09-08 13:00" "Protokoll med personuppgifter publicerat" disclosure_other human_error_individual
assess 2026-0009 "2026-09-08 16:00" behavioural limited unknown_recipients "Ett protokoll med namn på brukare låg på webben i tre timmar."
notified 2026-0009 "2026-09-10 08:00"
new "2026-10-15 10:30" "E-post till öppen sändlista" misdirected_communication human_error_individual
assess 2026-0010 "2026-10-15 12:00" simple maximum known_recipients "E-postadresser till föräldrar synliga för alla mottagare."
new "2026-11-23 09:00" "Utpressningsvirus på en filserver" disclosure_other technical_error
assess 2026-0011 "2026-11-23 11:00" financial maximum unknown_recipients "Filservern med ekonomiska beslut var krypterad och data kan ha förts ut."
notified 2026-0011 "2026-11-24 17:00"

out=examples/annual-register
rm -rf "$out"
mkdir -p "$out"
cp -r "$work/r/incident.toml" "$work/r/incidents" "$work/r/schemas" "$out/"
echo "wrote $out"
