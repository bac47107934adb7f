<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name></name>
    <message>
        <source>Rewards</source>
        <translation>Prämien</translation>
    </message>
    <message>
        <source>Analytics</source>
        <translation>Auswertung</translation>
    </message>
    <message>
        <source>Audit</source>
        <translation>Protokoll</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <source>&amp;Import members…</source>
        <translation>Mitglieder &amp;importieren…</translation>
    </message>
    <message>
        <source>&amp;Export…</source>
        <translation>&amp;Exportieren…</translation>
    </message>
    <message>
        <source>Export &amp;report…</source>
        <translation>Be&amp;richt exportieren…</translation>
    </message>
    <message>
        <source>Run daily &amp;jobs now</source>
        <translation>Tägliche &amp;Aufgaben jetzt ausführen</translation>
    </message>
    <message>
        <source>&amp;Check the ledger</source>
        <translation>Buchungen &amp;prüfen</translation>
    </message>
    <message>
        <source>Restore from &amp;backup…</source>
        <translation>Aus Sicherung &amp;wiederherstellen…</translation>
    </message>
    <message>
        <source>Co&amp;nnect to shop server…</source>
        <translation>Mit &amp;Ladenserver verbinden…</translation>
    </message>
    <message>
        <source>Use this &amp;computer only</source>
        <translation>Nur diesen &amp;Computer verwenden</translation>
    </message>
    <message>
        <source>&amp;Lock</source>
        <translation>&amp;Sperren</translation>
    </message>
    <message>
        <source>Lock the till: the next person signs in with their PIN (Ctrl+L)</source>
        <translation>Kasse sperren: Die nächste Person meldet sich mit ihrer PIN an (Strg+L)</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>&amp;Shop…</source>
        <translation>&amp;Laden…</translation>
    </message>
    <message>
        <source>S&amp;taff…</source>
        <translation>&amp;Personal…</translation>
    </message>
    <message>
        <source>This &amp;register…</source>
        <translation>Diese &amp;Kasse…</translation>
    </message>
    <message>
        <source>&amp;Backups…</source>
        <translation>&amp;Sicherungen…</translation>
    </message>
    <message>
        <source>&amp;Integrations…</source>
        <translation>&amp;Integrationen…</translation>
    </message>
    <message>
        <source>&amp;Messages…</source>
        <translation>&amp;Nachrichten…</translation>
    </message>
    <message>
        <source>&amp;Member</source>
        <translation>&amp;Mitglied</translation>
    </message>
    <message>
        <source>&amp;Find member</source>
        <translation>Mitglied &amp;finden</translation>
    </message>
    <message>
        <source>&amp;Search the members list</source>
        <translation>In der Mitgliederliste s&amp;uchen</translation>
    </message>
    <message>
        <source>Record &amp;purchase…</source>
        <translation>&amp;Einkauf erfassen…</translation>
    </message>
    <message>
        <source>&amp;Redeem reward…</source>
        <translation>Prämie ei&amp;nlösen…</translation>
    </message>
    <message>
        <source>&amp;Use points…</source>
        <translation>&amp;Punkte einlösen…</translation>
    </message>
    <message>
        <source>&amp;Enroll member…</source>
        <translation>Mitglied &amp;aufnehmen…</translation>
    </message>
    <message>
        <source>&amp;Adjust points…</source>
        <translation>Punkte &amp;korrigieren…</translation>
    </message>
    <message>
        <source>Re&amp;turn a purchase…</source>
        <translation>Einkauf &amp;zurücknehmen…</translation>
    </message>
    <message>
        <source>E&amp;dit member…</source>
        <translation>Mitglied &amp;bearbeiten…</translation>
    </message>
    <message>
        <source>Print &amp;card…</source>
        <translation>Karte &amp;drucken…</translation>
    </message>
    <message>
        <source>Print counter &amp;slip…</source>
        <translation>Kas&amp;senbeleg drucken…</translation>
    </message>
    <message>
        <source>Print card &amp;sheet…</source>
        <translation>Kartenb&amp;ogen drucken…</translation>
    </message>
    <message>
        <source>E&amp;xport member data…</source>
        <translation>Mitgliederdaten e&amp;xportieren…</translation>
    </message>
    <message>
        <source>Erase &amp;member…</source>
        <translation>Mitglied &amp;löschen…</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>&amp;Aktualisieren</translation>
    </message>
    <message>
        <source>C&amp;ustomer display</source>
        <translation>&amp;Kundenanzeige</translation>
    </message>
    <message>
        <source>Colour &amp;scheme</source>
        <translation>&amp;Farbschema</translation>
    </message>
    <message>
        <source>System</source>
        <translation>System</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>Hell</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>Dunkel</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>&amp;Sprache</translation>
    </message>
    <message>
        <source>The system&apos;s</source>
        <translation>Die des Systems</translation>
    </message>
    <message>
        <source>Go to {tab}</source>
        <translation>Zu „{tab}“ wechseln</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <source>&amp;User guide</source>
        <translation>&amp;Benutzerhandbuch</translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation>&amp;Tastenkürzel</translation>
    </message>
    <message>
        <source>&amp;About Loyalty Desk</source>
        <translation>&amp;Über Loyalty Desk</translation>
    </message>
    <message>
        <source>Refreshed at {time}</source>
        <translation>Aktualisiert um {time}</translation>
    </message>
    <message>
        <source>The language changes when Loyalty Desk starts again</source>
        <translation>Die Sprache ändert sich beim nächsten Start von Loyalty Desk</translation>
    </message>
    <message>
        <source>Running the daily jobs…</source>
        <translation>Tägliche Aufgaben laufen…</translation>
    </message>
    <message>
        <source>Daily jobs done at {time}: {expired} points expired, {bonuses} birthday bonuses, {pending} pending completed</source>
        <translation>Tägliche Aufgaben um {time} erledigt: {expired} Punkte verfallen, {bonuses} Geburtstagsboni, {pending} ausstehende abgeschlossen</translation>
    </message>
    <message>
        <source>The daily jobs did not finish: {error}</source>
        <translation>Die täglichen Aufgaben wurden nicht abgeschlossen: {error}</translation>
    </message>
    <message>
        <source>Ledger check</source>
        <translation>Buchungsprüfung</translation>
    </message>
    <message>
        <source>{n} problem(s) found:</source>
        <translation>{n} Problem(e) gefunden:</translation>
    </message>
    <message>
        <source>The ledger is healthy: every balance is explained.</source>
        <translation>Die Buchungen sind in Ordnung: Jeder Punktestand ist belegt.</translation>
    </message>
    <message>
        <source>The check could not run: {error}</source>
        <translation>Die Prüfung konnte nicht laufen: {error}</translation>
    </message>
    <message>
        <source>Checking the ledger</source>
        <translation>Buchungen werden geprüft</translation>
    </message>
    <message>
        <source>The daily backup failed: {error}</source>
        <translation>Die tägliche Sicherung ist fehlgeschlagen: {error}</translation>
    </message>
    <message>
        <source>Emails to members are being sent: try again in a moment.</source>
        <translation>E-Mails an Mitglieder werden gerade gesendet: Versuchen Sie es gleich noch einmal.</translation>
    </message>
    <message>
        <source>Restored, but the restored database cannot be opened: {error}</source>
        <translation>Wiederhergestellt, aber die wiederhergestellte Datenbank lässt sich nicht öffnen: {error}</translation>
    </message>
    <message>
        <source>The database as it was is kept as {path}.</source>
        <translation>Die bisherige Datenbank wird als {path} aufbewahrt.</translation>
    </message>
    <message>
        <source>Restored from {name}: you are working on the restored data now.</source>
        <translation>Aus {name} wiederhergestellt: Sie arbeiten jetzt mit den wiederhergestellten Daten.</translation>
    </message>
    <message>
        <source>The mail sender stopped on an error: see the log</source>
        <translation>Der E-Mail-Versand wurde wegen eines Fehlers beendet: siehe Protokolldatei</translation>
    </message>
    <message>
        <source>Emails to members: {sent} sent, {failed} failed</source>
        <translation>E-Mails an Mitglieder: {sent} gesendet, {failed} fehlgeschlagen</translation>
    </message>
    <message>
        <source>Register: {name}</source>
        <translation>Kasse: {name}</translation>
    </message>
    <message>
        <source>Use this computer only</source>
        <translation>Nur diesen Computer verwenden</translation>
    </message>
    <message>
        <source>Stop using the shop server and start again on this computer&apos;s own database? The server and its data are left as they are.</source>
        <translation>Den Ladenserver nicht mehr verwenden und mit der eigenen Datenbank dieses Computers neu starten? Der Server und seine Daten bleiben unverändert.</translation>
    </message>
    <message>
        <source>Loyalty Desk could not start again: start it yourself to use the new database.</source>
        <translation>Loyalty Desk konnte nicht neu starten: Starten Sie es selbst, um die neue Datenbank zu verwenden.</translation>
    </message>
    <message>
        <source>Stopping the HTTP API…</source>
        <translation>HTTP-API wird beendet…</translation>
    </message>
    <message>
        <source>Stopping the mail sender…</source>
        <translation>E-Mail-Versand wird beendet…</translation>
    </message>
    <message>
        <source>Finishing the last change…</source>
        <translation>Letzte Änderung wird abgeschlossen…</translation>
    </message>
    <message>
        <source>Building the demo shop</source>
        <translation>Demo-Laden wird angelegt</translation>
    </message>
    <message>
        <source>Save “{title}” as a PNG image</source>
        <translation>„{title}“ als PNG-Bild speichern</translation>
    </message>
    <message>
        <source>Export {title} as a PNG image</source>
        <translation>{title} als PNG-Bild exportieren</translation>
    </message>
    <message>
        <source>Save “{title}” as an SVG drawing</source>
        <translation>„{title}“ als SVG-Zeichnung speichern</translation>
    </message>
    <message>
        <source>Export {title} as an SVG drawing</source>
        <translation>{title} als SVG-Zeichnung exportieren</translation>
    </message>
    <message>
        <source>Save “{title}” data as CSV</source>
        <translation>Daten von „{title}“ als CSV speichern</translation>
    </message>
    <message>
        <source>Export {title} data as CSV</source>
        <translation>Daten von {title} als CSV exportieren</translation>
    </message>
    <message>
        <source>No data for this period yet.
Figures appear after the first full day.</source>
        <translation>Noch keine Daten für diesen Zeitraum.
Zahlen erscheinen nach dem ersten vollen Tag.</translation>
    </message>
    <message>
        <source>All programs</source>
        <translation>Alle Programme</translation>
    </message>
    <message>
        <source>the image could not be written</source>
        <translation>das Bild konnte nicht geschrieben werden</translation>
    </message>
    <message>
        <source>no earlier figures to compare</source>
        <translation>keine früheren Zahlen zum Vergleich</translation>
    </message>
    <message>
        <source>Points issued</source>
        <translation>Vergebene Punkte</translation>
    </message>
    <message>
        <source>Points redeemed</source>
        <translation>Eingelöste Punkte</translation>
    </message>
    <message>
        <source>New members</source>
        <translation>Neue Mitglieder</translation>
    </message>
    <message>
        <source>Active members at the end</source>
        <translation>Aktive Mitglieder am Ende</translation>
    </message>
    <message>
        <source>Redemption rate at the end</source>
        <translation>Einlösequote am Ende</translation>
    </message>
    <message>
        <source>Spending</source>
        <translation>Umsatz</translation>
    </message>
    <message>
        <source>Points outstanding at the end</source>
        <translation>Offene Punkte am Ende</translation>
    </message>
    <message>
        <source>Points liability at the end</source>
        <translation>Punkteverbindlichkeit am Ende</translation>
    </message>
    <message>
        <source>{rate} pp</source>
        <translation>{rate} Pp.</translation>
    </message>
    <message>
        <source>no change</source>
        <translation>keine Veränderung</translation>
    </message>
    <message>
        <source>Points redeemed ({n} refunded)</source>
        <translation>Eingelöste Punkte ({n} erstattet)</translation>
    </message>
    <message>
        <source>no change vs previous period ({previous})</source>
        <translation>keine Veränderung ggü. Vorzeitraum ({previous})</translation>
    </message>
    <message>
        <source>{arrow} {change} vs previous period ({previous})</source>
        <translation>{arrow} {change} ggü. Vorzeitraum ({previous})</translation>
    </message>
    <message>
        <source>Points outstanding</source>
        <translation>Offene Punkte</translation>
    </message>
    <message>
        <source>Their value</source>
        <translation>Ihr Wert</translation>
    </message>
    <message>
        <source>Expiring in 30 days</source>
        <translation>Verfällt in 30 Tagen</translation>
    </message>
    <message>
        <source>Expiring in 60 days</source>
        <translation>Verfällt in 60 Tagen</translation>
    </message>
    <message>
        <source>Expiring in 90 days</source>
        <translation>Verfällt in 90 Tagen</translation>
    </message>
    <message>
        <source>Pending points</source>
        <translation>Vorgemerkte Punkte</translation>
    </message>
    <message>
        <source>Breakage (expired ÷ issued)</source>
        <translation>Verfallquote (verfallen ÷ vergeben)</translation>
    </message>
    <message>
        <source>Points liability</source>
        <translation>Punkteverbindlichkeit</translation>
    </message>
    <message>
        <source>No points issued yet</source>
        <translation>Noch keine Punkte vergeben</translation>
    </message>
    <message>
        <source>Month</source>
        <translation>Monat</translation>
    </message>
    <message>
        <source>Issued</source>
        <translation>Vergeben</translation>
    </message>
    <message>
        <source>Redeemed</source>
        <translation>Eingelöst</translation>
    </message>
    <message>
        <source>Refunded</source>
        <translation>Erstattet</translation>
    </message>
    <message>
        <source>Expired</source>
        <translation>Abgelaufen</translation>
    </message>
    <message>
        <source>Loyalty report</source>
        <translation>Treuebericht</translation>
    </message>
    <message>
        <source>Made {made} · Loyalty Desk</source>
        <translation>Erstellt {made} · Loyalty Desk</translation>
    </message>
    <message>
        <source>Page {page} of {pages}</source>
        <translation>Seite {page} von {pages}</translation>
    </message>
    <message>
        <source>Nothing yet</source>
        <translation>Noch nichts</translation>
    </message>
    <message>
        <source>Headline figures</source>
        <translation>Kennzahlen</translation>
    </message>
    <message>
        <source>Figure</source>
        <translation>Kennzahl</translation>
    </message>
    <message>
        <source>This period</source>
        <translation>Dieser Zeitraum</translation>
    </message>
    <message>
        <source>Previous period</source>
        <translation>Vorheriger Zeitraum</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>Veränderung</translation>
    </message>
    <message>
        <source>Points liability and breakage, as of today</source>
        <translation>Punkteverbindlichkeit und Verfallquote, Stand heute</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Wert</translation>
    </message>
    <message>
        <source>Points by month</source>
        <translation>Punkte nach Monat</translation>
    </message>
    <message>
        <source>{title}: no data for this period</source>
        <translation>{title}: keine Daten für diesen Zeitraum</translation>
    </message>
    <message>
        <source>Top members by lifetime points, as of today</source>
        <translation>Top-Mitglieder nach Gesamtpunkten, Stand heute</translation>
    </message>
    <message>
        <source>Member</source>
        <translation>Mitglied</translation>
    </message>
    <message>
        <source>Points</source>
        <translation>Punkte</translation>
    </message>
    <message>
        <source>Lifetime</source>
        <translation>Gesamt</translation>
    </message>
    <message>
        <source>Spent</source>
        <translation>Umsatz</translation>
    </message>
    <message>
        <source>No members yet</source>
        <translation>Noch keine Mitglieder</translation>
    </message>
    <message>
        <source>Day</source>
        <translation>Tag</translation>
    </message>
    <message>
        <source>Week starting</source>
        <translation>Woche ab</translation>
    </message>
    <message>
        <source>Total members</source>
        <translation>Mitglieder insgesamt</translation>
    </message>
    <message>
        <source>Redemptions</source>
        <translation>Einlösungen</translation>
    </message>
    <message>
        <source>Points issued, redeemed, refunded and expired</source>
        <translation>Punkte vergeben, eingelöst, erstattet und verfallen</translation>
    </message>
    <message>
        <source>Tier distribution</source>
        <translation>Verteilung auf Stufen</translation>
    </message>
    <message>
        <source>Members</source>
        <translation>Mitglieder</translation>
    </message>
    <message>
        <source>Spending ({currency})</source>
        <translation>Umsatz ({currency})</translation>
    </message>
    <message>
        <source>Tier</source>
        <translation>Stufe</translation>
    </message>
    <message>
        <source>Last 30 days</source>
        <translation>Letzte 30 Tage</translation>
    </message>
    <message>
        <source>Last 90 days</source>
        <translation>Letzte 90 Tage</translation>
    </message>
    <message>
        <source>Last 6 months</source>
        <translation>Letzte 6 Monate</translation>
    </message>
    <message>
        <source>Last 12 months</source>
        <translation>Letzte 12 Monate</translation>
    </message>
    <message>
        <source>Custom…</source>
        <translation>Eigener Zeitraum…</translation>
    </message>
    <message>
        <source>PNG image (*.png)</source>
        <translation>PNG-Bild (*.png)</translation>
    </message>
    <message>
        <source>SVG drawing (*.svg)</source>
        <translation>SVG-Zeichnung (*.svg)</translation>
    </message>
    <message>
        <source>PDF (*.pdf)</source>
        <translation>PDF (*.pdf)</translation>
    </message>
    <message>
        <source>CSV file (*.csv)</source>
        <translation>CSV-Datei (*.csv)</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>Exportieren</translation>
    </message>
    <message>
        <source>Create program</source>
        <translation>Programm anlegen</translation>
    </message>
    <message>
        <source>Create tier</source>
        <translation>Stufe anlegen</translation>
    </message>
    <message>
        <source>Create reward</source>
        <translation>Prämie anlegen</translation>
    </message>
    <message>
        <source>Enroll member</source>
        <translation>Mitglied aufnehmen</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Aktualisieren</translation>
    </message>
    <message>
        <source>Refresh the figures (F5)</source>
        <translation>Zahlen aktualisieren (F5)</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>Zeitraum</translation>
    </message>
    <message>
        <source>Program</source>
        <translation>Programm</translation>
    </message>
    <message>
        <source>Top members</source>
        <translation>Top-Mitglieder</translation>
    </message>
    <message>
        <source>Programs by status</source>
        <translation>Programme nach Status</translation>
    </message>
    <message>
        <source>Open the redemptions queue</source>
        <translation>Einlösungen öffnen</translation>
    </message>
    <message>
        <source>Upcoming rewards</source>
        <translation>Anstehende Prämien</translation>
    </message>
    <message>
        <source>Reward</source>
        <translation>Prämie</translation>
    </message>
    <message>
        <source>Cost</source>
        <translation>Kosten</translation>
    </message>
    <message>
        <source>From</source>
        <translation>Von</translation>
    </message>
    <message>
        <source>Until</source>
        <translation>Bis</translation>
    </message>
    <message>
        <source>The figures could not be loaded: {error}</source>
        <translation>Die Zahlen konnten nicht geladen werden: {error}</translation>
    </message>
    <message>
        <source>updated at {time}</source>
        <translation>aktualisiert um {time}</translation>
    </message>
    <message>
        <source>{title}: {program} (pick a program to see another)</source>
        <translation>{title}: {program} (wählen Sie ein Programm, um ein anderes zu sehen)</translation>
    </message>
    <message>
        <source>active</source>
        <translation>aktiv</translation>
    </message>
    <message>
        <source>inactive</source>
        <translation>inaktiv</translation>
    </message>
    <message>
        <source>No programs</source>
        <translation>Keine Programme</translation>
    </message>
    <message>
        <source>{n} redemption to fulfil →</source>
        <translation>{n} Einlösung offen →</translation>
    </message>
    <message>
        <source>{n} redemptions to fulfil →</source>
        <translation>{n} Einlösungen offen →</translation>
    </message>
    <message>
        <source>Nothing starting or ending soon</source>
        <translation>Nichts beginnt oder endet demnächst</translation>
    </message>
    <message>
        <source>Could not save {path}: {reason}</source>
        <translation>{path} konnte nicht gespeichert werden: {reason}</translation>
    </message>
    <message>
        <source>saved {file}</source>
        <translation>{file} gespeichert</translation>
    </message>
    <message>
        <source>making the report…</source>
        <translation>Bericht wird erstellt…</translation>
    </message>
    <message>
        <source>The report could not be made: {reason}</source>
        <translation>Der Bericht konnte nicht erstellt werden: {reason}</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Zeit</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Aktion</translation>
    </message>
    <message>
        <source>By</source>
        <translation>Von</translation>
    </message>
    <message>
        <source>Approved by</source>
        <translation>Genehmigt von</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>Betrag</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>Details</translation>
    </message>
    <message>
        <source>Register</source>
        <translation>Kasse</translation>
    </message>
    <message>
        <source>before staff accounts</source>
        <translation>vor den Personalkonten</translation>
    </message>
    <message>
        <source>Everyone</source>
        <translation>Alle</translation>
    </message>
    <message>
        <source>Person</source>
        <translation>Person</translation>
    </message>
    <message>
        <source>Every action</source>
        <translation>Alle Aktionen</translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation>CSV exportieren…</translation>
    </message>
    <message>
        <source>Save the lines shown as a CSV file</source>
        <translation>Die angezeigten Zeilen als CSV-Datei speichern</translation>
    </message>
    <message>
        <source>Audit log</source>
        <translation>Protokoll</translation>
    </message>
    <message>
        <source>&lt;b&gt;Flags&lt;/b&gt; (owner)</source>
        <translation>&lt;b&gt;Auffälligkeiten&lt;/b&gt; (Inhaber/in)</translation>
    </message>
    <message>
        <source>to</source>
        <translation>bis</translation>
    </message>
    <message>
        <source>The log could not be read: {error}</source>
        <translation>Das Protokoll konnte nicht gelesen werden: {error}</translation>
    </message>
    <message>
        <source>{n} line</source>
        <translation>{n} Zeile</translation>
    </message>
    <message>
        <source>{n} lines</source>
        <translation>{n} Zeilen</translation>
    </message>
    <message>
        <source>member: {name}</source>
        <translation>Mitglied: {name}</translation>
    </message>
    <message>
        <source>Nothing to look at in these days</source>
        <translation>Nichts Auffälliges in diesen Tagen</translation>
    </message>
    <message>
        <source>Export the audit log</source>
        <translation>Protokoll exportieren</translation>
    </message>
    <message>
        <source>Could not save {path}: {error}</source>
        <translation>{path} konnte nicht gespeichert werden: {error}</translation>
    </message>
    <message>
        <source>saved {n} lines to {path}</source>
        <translation>{n} Zeilen in {path} gespeichert</translation>
    </message>
    <message>
        <source>Scan with camera</source>
        <translation>Mit Kamera scannen</translation>
    </message>
    <message>
        <source>Hold the card&apos;s QR code up to the camera</source>
        <translation>Halten Sie den QR-Code der Karte vor die Kamera</translation>
    </message>
    <message>
        <source>Agrees to offers by email (birthday, “we miss you”)</source>
        <translation>Einverstanden mit Angeboten per E-Mail (Geburtstag, „Wir vermissen Sie“)</translation>
    </message>
    <message>
        <source>Recorded with today&apos;s date and “desk” as where the member said so</source>
        <translation>Wird mit dem heutigen Datum und „desk“ als Ort der Zustimmung gespeichert</translation>
    </message>
    <message>
        <source>No emails at all (the member asked to stop)</source>
        <translation>Gar keine E-Mails (das Mitglied hat widersprochen)</translation>
    </message>
    <message>
        <source>Nothing is sent to this member any more, and messages waiting are dropped</source>
        <translation>Diesem Mitglied wird nichts mehr gesendet, und wartende Nachrichten werden verworfen</translation>
    </message>
    <message>
        <source>Emails</source>
        <translation>E-Mails</translation>
    </message>
    <message>
        <source>Read a member card&apos;s QR code with the webcam</source>
        <translation>QR-Code einer Mitgliedskarte mit der Webcam lesen</translation>
    </message>
    <message>
        <source>Find a member first (Ctrl+F)</source>
        <translation>Suchen Sie zuerst ein Mitglied (Strg+F)</translation>
    </message>
    <message>
        <source>No member has this card. Press Enter to check the code</source>
        <translation>Kein Mitglied hat diese Karte. Drücken Sie Enter, um den Code zu prüfen</translation>
    </message>
    <message>
        <source>No member found. Enroll new member “{text}”…</source>
        <translation>Kein Mitglied gefunden. Neues Mitglied „{text}“ aufnehmen…</translation>
    </message>
    <message>
        <source>“{code}” is not a card or voucher of this shop</source>
        <translation>„{code}“ ist keine Karte und kein Gutschein dieses Geschäfts</translation>
    </message>
    <message>
        <source>Welcome, {name}! Print the card now (Ctrl+P)</source>
        <translation>Willkommen, {name}! Drucken Sie jetzt die Karte (Strg+P)</translation>
    </message>
    <message>
        <source>Suspend membership</source>
        <translation>Mitgliedschaft sperren</translation>
    </message>
    <message>
        <source>Suspend {name}&apos;s membership?</source>
        <translation>Mitgliedschaft von {name} sperren?</translation>
    </message>
    <message>
        <source>Reactivate membership</source>
        <translation>Mitgliedschaft reaktivieren</translation>
    </message>
    <message>
        <source>Reactivate {name}&apos;s membership?</source>
        <translation>Mitgliedschaft von {name} reaktivieren?</translation>
    </message>
    <message>
        <source>Still saving the last change…</source>
        <translation>Die letzte Änderung wird noch gespeichert…</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>Wird gespeichert…</translation>
    </message>
    <message>
        <source>{change} · balance {balance}</source>
        <translation>{change} · Stand {balance}</translation>
    </message>
    <message>
        <source>{reward}: {change} · balance {balance} · code {code}</source>
        <translation>{reward}: {change} · Stand {balance} · Code {code}</translation>
    </message>
    <message>
        <source>No sale, return or redemption to print a slip for yet</source>
        <translation>Noch kein Verkauf, keine Rückgabe und keine Einlösung, für die ein Beleg gedruckt werden kann</translation>
    </message>
    <message>
        <source>Referral code</source>
        <translation>Empfehlungscode</translation>
    </message>
    <message>
        <source>Valid until {date}.</source>
        <translation>Gültig bis {date}.</translation>
    </message>
    <message>
        <source>Erased: the person&apos;s data is gone, and the card no longer works</source>
        <translation>Gelöscht: Die Daten der Person sind entfernt, und die Karte gilt nicht mehr</translation>
    </message>
    <message>
        <source>Replace card</source>
        <translation>Karte ersetzen</translation>
    </message>
    <message>
        <source>Issue a new card number for {name}? The old card stops working at once.</source>
        <translation>Eine neue Kartennummer für {name} ausgeben? Die alte Karte gilt dann sofort nicht mehr.</translation>
    </message>
    <message>
        <source>New card {number}: print it now (Ctrl+P)</source>
        <translation>Neue Karte {number}: jetzt drucken (Strg+P)</translation>
    </message>
    <message>
        <source>Retry</source>
        <translation>Wiederholen</translation>
    </message>
    <message>
        <source>{error} Nothing was saved.</source>
        <translation>{error} Es wurde nichts gespeichert.</translation>
    </message>
    <message>
        <source>Not saved: it needs a manager&apos;s approval.</source>
        <translation>Nicht gespeichert: Dafür ist die Freigabe durch eine/n Manager/in nötig.</translation>
    </message>
    <message>
        <source>Record purchase — {name}</source>
        <translation>Einkauf erfassen — {name}</translation>
    </message>
    <message>
        <source>Purchase by {name}</source>
        <translation>Einkauf von {name}</translation>
    </message>
    <message>
        <source>left empty: a new reference is made</source>
        <translation>leer gelassen: eine neue Nummer wird erzeugt</translation>
    </message>
    <message>
        <source>Enter the amount</source>
        <translation>Geben Sie den Betrag ein</translation>
    </message>
    <message>
        <source>Amount ({currency})</source>
        <translation>Betrag ({currency})</translation>
    </message>
    <message>
        <source>Order reference</source>
        <translation>Bestellnummer</translation>
    </message>
    <message>
        <source>Will record</source>
        <translation>Wird erfasst</translation>
    </message>
    <message>
        <source>{amount} → {earned}</source>
        <translation>{amount} → {earned}</translation>
    </message>
    <message>
        <source>Enter the amount of the purchase</source>
        <translation>Geben Sie den Betrag des Einkaufs ein</translation>
    </message>
    <message>
        <source>Enroll a new member</source>
        <translation>Neues Mitglied aufnehmen</translation>
    </message>
    <message>
        <source>YYYY-MM-DD (optional)</source>
        <translation>JJJJ-MM-TT (optional)</translation>
    </message>
    <message>
        <source>a friend&apos;s referral code (optional)</source>
        <translation>Empfehlungscode einer befreundeten Person (optional)</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>E-Mail</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Telefon</translation>
    </message>
    <message>
        <source>Birthday</source>
        <translation>Geburtstag</translation>
    </message>
    <message>
        <source>Referred by</source>
        <translation>Empfohlen von</translation>
    </message>
    <message>
        <source>Open the existing member</source>
        <translation>Vorhandenes Mitglied öffnen</translation>
    </message>
    <message>
        <source>Enroll</source>
        <translation>Aufnehmen</translation>
    </message>
    <message>
        <source>There is no active program to enroll into</source>
        <translation>Es gibt kein aktives Treueprogramm für die Aufnahme</translation>
    </message>
    <message>
        <source>Adjust points — {name}</source>
        <translation>Punkte korrigieren — {name}</translation>
    </message>
    <message>
        <source>Adjust stamps — {name}</source>
        <translation>Stempel korrigieren — {name}</translation>
    </message>
    <message>
        <source>Adjust {name}&apos;s points (balance {balance})</source>
        <translation>Punkte von {name} korrigieren (Stand {balance})</translation>
    </message>
    <message>
        <source>Adjust {name}&apos;s stamps (balance {balance})</source>
        <translation>Stempel von {name} korrigieren (Stand {balance})</translation>
    </message>
    <message>
        <source>required: why the balance changes</source>
        <translation>Pflichtfeld: warum sich der Punktestand ändert</translation>
    </message>
    <message>
        <source>Points (+/−)</source>
        <translation>Punkte (+/−)</translation>
    </message>
    <message>
        <source>Stamps (+/−)</source>
        <translation>Stempel (+/−)</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Grund</translation>
    </message>
    <message>
        <source>Give the reason for the adjustment</source>
        <translation>Geben Sie den Grund für die Korrektur an</translation>
    </message>
    <message>
        <source>Edit {name}</source>
        <translation>{name} bearbeiten</translation>
    </message>
    <message>
        <source>YYYY-MM-DD</source>
        <translation>JJJJ-MM-TT</translation>
    </message>
    <message>
        <source>This membership is inactive: no purchases or redemptions until it is reactivated</source>
        <translation>Diese Mitgliedschaft ist inaktiv: keine Einkäufe oder Einlösungen, bis sie reaktiviert wird</translation>
    </message>
    <message>
        <source>This membership is suspended: no purchases or redemptions until it is reactivated</source>
        <translation>Diese Mitgliedschaft ist gesperrt: keine Einkäufe oder Einlösungen, bis sie reaktiviert wird</translation>
    </message>
    <message>
        <source>This membership is expired: no purchases or redemptions until it is reactivated</source>
        <translation>Diese Mitgliedschaft ist abgelaufen: keine Einkäufe oder Einlösungen, bis sie reaktiviert wird</translation>
    </message>
    <message>
        <source>This membership is {status}: no purchases or redemptions until it is reactivated</source>
        <translation>Diese Mitgliedschaft hat den Status {status}: keine Einkäufe oder Einlösungen, bis sie reaktiviert wird</translation>
    </message>
    <message>
        <source>The program {name} is inactive: no purchases or redemptions</source>
        <translation>Das Treueprogramm {name} ist inaktiv: keine Einkäufe oder Einlösungen</translation>
    </message>
    <message>
        <source>A stamp card&apos;s stamps are spent on rewards, not as money off</source>
        <translation>Die Stempel einer Stempelkarte werden für Prämien eingelöst, nicht als Rabatt</translation>
    </message>
    <message>
        <source>Inactive since {date}, after a long spell without visits: a purchase or a redemption makes the membership active again</source>
        <translation>Inaktiv seit {date}, nach langer Zeit ohne Besuch: ein Einkauf oder eine Einlösung macht die Mitgliedschaft wieder aktiv</translation>
    </message>
    <message>
        <source>Inactive</source>
        <translation>Inaktiv</translation>
    </message>
    <message>
        <source>Suspended</source>
        <translation>Gesperrt</translation>
    </message>
    <message>
        <source>card {number}</source>
        <translation>Karte {number}</translation>
    </message>
    <message>
        <source>{points} pts</source>
        <translation>{points} Pkt.</translation>
    </message>
    <message>
        <source>{money} to {tier}</source>
        <translation>{money} bis {tier}</translation>
    </message>
    <message>
        <source>{points} points to {tier}</source>
        <translation>{points} Punkte bis {tier}</translation>
    </message>
    <message>
        <source>Keep your tier by {date}: {money} more</source>
        <translation>Stufe halten bis {date}: noch {money}</translation>
    </message>
    <message>
        <source>Keep your tier by {date}: {points} more points</source>
        <translation>Stufe halten bis {date}: noch {points} Punkte</translation>
    </message>
    <message>
        <source>Customer display</source>
        <translation>Kundenanzeige</translation>
    </message>
    <message>
        <source>Welcome to {name}</source>
        <translation>Willkommen bei {name}</translation>
    </message>
    <message>
        <source>Welcome</source>
        <translation>Willkommen</translation>
    </message>
    <message>
        <source>Hello, {name}</source>
        <translation>Hallo, {name}</translation>
    </message>
    <message>
        <source>{earned} (on their way)</source>
        <translation>{earned} (unterwegs)</translation>
    </message>
    <message>
        <source>{spent} used</source>
        <translation>{spent} eingelöst</translation>
    </message>
    <message>
        <source>Balance: {balance}</source>
        <translation>Stand: {balance}</translation>
    </message>
    <message>
        <source>You can have now: {rewards}</source>
        <translation>Das können Sie jetzt bekommen: {rewards}</translation>
    </message>
    <message>
        <source>Scan a card, or type a phone, email, name or card number  (Ctrl+F)</source>
        <translation>Karte scannen oder Telefon, E-Mail, Name oder Kartennummer eingeben  (Strg+F)</translation>
    </message>
    <message>
        <source>Member lookup</source>
        <translation>Mitgliedersuche</translation>
    </message>
    <message>
        <source>Record purchase</source>
        <translation>Einkauf erfassen</translation>
    </message>
    <message>
        <source>Record a purchase (F2)</source>
        <translation>Einkauf erfassen (F2)</translation>
    </message>
    <message>
        <source>Redeem reward</source>
        <translation>Prämie einlösen</translation>
    </message>
    <message>
        <source>Redeem a reward (F3)</source>
        <translation>Prämie einlösen (F3)</translation>
    </message>
    <message>
        <source>Take points as money off the order (F6)</source>
        <translation>Punkte als Rabatt auf den Einkauf anrechnen (F6)</translation>
    </message>
    <message>
        <source>Enroll a new member (F4)</source>
        <translation>Neues Mitglied aufnehmen (F4)</translation>
    </message>
    <message>
        <source>Adjust points</source>
        <translation>Punkte korrigieren</translation>
    </message>
    <message>
        <source>Add or take points, with a reason (Ctrl+J)</source>
        <translation>Punkte gutschreiben oder abziehen, mit Begründung (Strg+J)</translation>
    </message>
    <message>
        <source>Return</source>
        <translation>Rückgabe</translation>
    </message>
    <message>
        <source>Take back the points of a returned purchase (Ctrl+R)</source>
        <translation>Punkte eines zurückgegebenen Einkaufs abziehen (Strg+R)</translation>
    </message>
    <message>
        <source>Edit</source>
        <translation>Bearbeiten</translation>
    </message>
    <message>
        <source>Edit the member&apos;s details (Ctrl+E)</source>
        <translation>Daten des Mitglieds bearbeiten (Strg+E)</translation>
    </message>
    <message>
        <source>Suspend</source>
        <translation>Sperren</translation>
    </message>
    <message>
        <source>Suspend or reactivate the membership</source>
        <translation>Mitgliedschaft sperren oder reaktivieren</translation>
    </message>
    <message>
        <source>Print card</source>
        <translation>Karte drucken</translation>
    </message>
    <message>
        <source>Print the member&apos;s card, or save it as PDF or PNG (Ctrl+P)</source>
        <translation>Karte des Mitglieds drucken oder als PDF oder PNG speichern (Strg+P)</translation>
    </message>
    <message>
        <source>Slip</source>
        <translation>Beleg</translation>
    </message>
    <message>
        <source>Print a counter slip of the last sale or redemption (Ctrl+Shift+P)</source>
        <translation>Kassenbeleg des letzten Verkaufs oder der letzten Einlösung drucken (Strg+Umschalt+P)</translation>
    </message>
    <message>
        <source>A lost card: issue a new number; the old card stops working</source>
        <translation>Karte verloren: neue Nummer ausgeben; die alte Karte gilt nicht mehr</translation>
    </message>
    <message>
        <source>{money} to spend</source>
        <translation>{money} Guthaben</translation>
    </message>
    <message>
        <source>Can redeem now</source>
        <translation>Jetzt einlösbar</translation>
    </message>
    <message>
        <source>No member open</source>
        <translation>Kein Mitglied geöffnet</translation>
    </message>
    <message>
        <source>Top tier</source>
        <translation>Höchste Stufe</translation>
    </message>
    <message>
        <source>Card {number}</source>
        <translation>Karte {number}</translation>
    </message>
    <message>
        <source> · referral code {code}</source>
        <translation> · Empfehlungscode {code}</translation>
    </message>
    <message>
        <source>{points} points</source>
        <translation>{points} Punkte</translation>
    </message>
    <message>
        <source>+{points} pending</source>
        <translation>+{points} ausstehend</translation>
    </message>
    <message>
        <source>{points} expire from {date}</source>
        <translation>{points} verfallen ab {date}</translation>
    </message>
    <message>
        <source>Last visit {when}</source>
        <translation>Letzter Besuch {when}</translation>
    </message>
    <message>
        <source>Reactivate</source>
        <translation>Reaktivieren</translation>
    </message>
    <message>
        <source>★ Visit number {n} today: thank them!</source>
        <translation>★ Heute Besuch Nr. {n}: bedanken Sie sich!</translation>
    </message>
    <message>
        <source>★ {points} points earned in all: a milestone today!</source>
        <translation>★ Insgesamt {points} Punkte gesammelt: heute ein Meilenstein!</translation>
    </message>
    <message>
        <source>New balance</source>
        <translation>Neuer Punktestand</translation>
    </message>
    <message>
        <source>Card</source>
        <translation>Karte</translation>
    </message>
    <message>
        <source>To {reward}</source>
        <translation>Bis {reward}</translation>
    </message>
    <message>
        <source>Expiring soon</source>
        <translation>Verfällt bald</translation>
    </message>
    <message>
        <source>{points} from {date}</source>
        <translation>{points} ab {date}</translation>
    </message>
    <message>
        <source>Order</source>
        <translation>Bestellung</translation>
    </message>
    <message>
        <source>Points pending</source>
        <translation>Punkte ausstehend</translation>
    </message>
    <message>
        <source>Stamps pending</source>
        <translation>Stempel ausstehend</translation>
    </message>
    <message>
        <source>Cash back pending</source>
        <translation>Cashback ausstehend</translation>
    </message>
    <message>
        <source>Stamps</source>
        <translation>Stempel</translation>
    </message>
    <message>
        <source>Promotion</source>
        <translation>Aktion</translation>
    </message>
    <message>
        <source>Sale</source>
        <translation>Verkauf</translation>
    </message>
    <message>
        <source>Already recorded at {when} ({amount}, order {order}), nothing added</source>
        <translation>Bereits am {when} erfasst ({amount}, Bestellung {order}), nichts hinzugefügt</translation>
    </message>
    <message>
        <source>{amount} → {earned} pending · balance {balance}</source>
        <translation>{amount} → {earned} ausstehend · Stand {balance}</translation>
    </message>
    <message>
        <source>{amount} → {earned} · balance {balance}</source>
        <translation>{amount} → {earned} · Stand {balance}</translation>
    </message>
    <message>
        <source>Money off</source>
        <translation>Rabatt</translation>
    </message>
    <message>
        <source>Already used on order {order}: {money} off, nothing more taken</source>
        <translation>Bereits für Bestellung {order} eingelöst: {money} Rabatt, nichts weiter abgezogen</translation>
    </message>
    <message>
        <source>{money} off order {order} · balance {balance}</source>
        <translation>{money} Rabatt auf Bestellung {order} · Stand {balance}</translation>
    </message>
    <message>
        <source>Already used on order {order}: {points} points = {money} off, nothing more taken</source>
        <translation>Bereits für Bestellung {order} verwendet: {points} Punkte = {money} Rabatt, nichts weiter abgebucht</translation>
    </message>
    <message>
        <source>{points} points = {money} off order {order} · balance {balance}</source>
        <translation>{points} Punkte = {money} Rabatt auf Bestellung {order} · Stand {balance}</translation>
    </message>
    <message>
        <source>Void</source>
        <translation>Storno</translation>
    </message>
    <message>
        <source>Amount returned</source>
        <translation>Erstatteter Betrag</translation>
    </message>
    <message>
        <source>Already spent</source>
        <translation>Bereits ausgegeben</translation>
    </message>
    <message>
        <source>Void of {amount} on order {order}: its pending points were cancelled · balance {balance}</source>
        <translation>Storno von {amount} zur Bestellung {order}: Die ausstehenden Punkte wurden storniert · Punktestand {balance}</translation>
    </message>
    <message>
        <source>Return of {amount} on order {order}: its pending points were cancelled · balance {balance}</source>
        <translation>Rückgabe von {amount} zur Bestellung {order}: Die ausstehenden Punkte wurden storniert · Punktestand {balance}</translation>
    </message>
    <message>
        <source>Redemption</source>
        <translation>Einlösung</translation>
    </message>
    <message>
        <source>Points used</source>
        <translation>Eingelöste Punkte</translation>
    </message>
    <message>
        <source>Void of {amount} on order {order}: {taken} · balance {balance}</source>
        <translation>Storno von {amount} zur Bestellung {order}: {taken} · Stand {balance}</translation>
    </message>
    <message>
        <source>Return of {amount} on order {order}: {taken} · balance {balance}</source>
        <translation>Rückgabe von {amount} zur Bestellung {order}: {taken} · Stand {balance}</translation>
    </message>
    <message>
        <source>. {spent} had already been spent and could not be taken back</source>
        <translation>. {spent} waren bereits ausgegeben und konnten nicht zurückgenommen werden</translation>
    </message>
    <message>
        <source>Stamps used</source>
        <translation>Eingelöste Stempel</translation>
    </message>
    <message>
        <source>Cash back used</source>
        <translation>Cashback eingelöst</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>Code</translation>
    </message>
    <message>
        <source>Adjustment</source>
        <translation>Korrektur</translation>
    </message>
    <message>
        <source>Redeem a reward — {name}</source>
        <translation>Prämie einlösen — {name}</translation>
    </message>
    <message>
        <source>Delivery</source>
        <translation>Übergabe</translation>
    </message>
    <message>
        <source>Not said</source>
        <translation>Nicht angegeben</translation>
    </message>
    <message>
        <source>Collected at the shop</source>
        <translation>Abholung im Geschäft</translation>
    </message>
    <message>
        <source>Posted to an address</source>
        <translation>Versand an eine Adresse</translation>
    </message>
    <message>
        <source>By email or online</source>
        <translation>Per E-Mail oder online</translation>
    </message>
    <message>
        <source>Shipping address</source>
        <translation>Lieferadresse</translation>
    </message>
    <message>
        <source>Street, town, postcode</source>
        <translation>Straße, PLZ Ort</translation>
    </message>
    <message>
        <source>Print voucher…</source>
        <translation>Gutschein drucken…</translation>
    </message>
    <message>
        <source>Available</source>
        <translation>Verfügbar</translation>
    </message>
    <message>
        <source>This program has no rewards yet.</source>
        <translation>Dieses Treueprogramm hat noch keine Prämien.</translation>
    </message>
    <message>
        <source>Choose a reward the member can redeem.</source>
        <translation>Wählen Sie eine Prämie, die das Mitglied einlösen kann.</translation>
    </message>
    <message>
        <source>{reward} — {cost}</source>
        <translation>{reward} — {cost}</translation>
    </message>
    <message>
        <source>Redeem &lt;b&gt;{reward}&lt;/b&gt; for &lt;b&gt;{cost}&lt;/b&gt;?&lt;br&gt;&lt;br&gt;Balance now: {balance}&lt;br&gt;Balance after: &lt;b&gt;{after}&lt;/b&gt;</source>
        <translation>&lt;b&gt;{reward}&lt;/b&gt; für &lt;b&gt;{cost}&lt;/b&gt; einlösen?&lt;br&gt;&lt;br&gt;Stand jetzt: {balance}&lt;br&gt;Stand danach: &lt;b&gt;{after}&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Redeem</source>
        <translation>Einlösen</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>Zurück</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>OK</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Rewards for {name} · {balance}</source>
        <translation>Prämien für {name} · {balance}</translation>
    </message>
    <message>
        <source>{reward} redeemed for {cost}. Reward code:</source>
        <translation>{reward} für {cost} eingelöst. Prämiencode:</translation>
    </message>
    <message>
        <source>Rewards for {name}</source>
        <translation>Prämien für {name}</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Fertig</translation>
    </message>
    <message>
        <source>Return a purchase — {name}</source>
        <translation>Einkauf zurücknehmen — {name}</translation>
    </message>
    <message>
        <source>Return a purchase by {name}</source>
        <translation>Einkauf von {name} zurücknehmen</translation>
    </message>
    <message>
        <source>&amp;Void sale…</source>
        <translation>Verkauf &amp;stornieren…</translation>
    </message>
    <message>
        <source>Today&apos;s sale, nothing returned yet: reverse it whole, with a reason</source>
        <translation>Heutiger Verkauf, noch nichts zurückgegeben: komplett stornieren, mit Begründung</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Datum</translation>
    </message>
    <message>
        <source>Reference</source>
        <translation>Referenz</translation>
    </message>
    <message>
        <source>Left to return</source>
        <translation>Noch erstattbar</translation>
    </message>
    <message>
        <source>pick a sale above, or type or scan its reference</source>
        <translation>oben einen Verkauf wählen oder seine Nummer eingeben oder scannen</translation>
    </message>
    <message>
        <source>empty: all that is left</source>
        <translation>leer: der gesamte Rest</translation>
    </message>
    <message>
        <source>required: why the sale is voided</source>
        <translation>Pflichtfeld: warum der Verkauf storniert wird</translation>
    </message>
    <message>
        <source>Amount returned ({currency})</source>
        <translation>Erstatteter Betrag ({currency})</translation>
    </message>
    <message>
        <source>Will return</source>
        <translation>Wird erstattet</translation>
    </message>
    <message>
        <source>all that is left: {amount}</source>
        <translation>der gesamte Rest: {amount}</translation>
    </message>
    <message>
        <source>all that is left of the sale</source>
        <translation>der gesamte Rest des Verkaufs</translation>
    </message>
    <message>
        <source>Give the reason for the void</source>
        <translation>Geben Sie den Grund für die Stornierung an</translation>
    </message>
    <message>
        <source>Pick the sale, or type or scan its order reference</source>
        <translation>Wählen Sie den Verkauf, oder geben Sie seine Bestellnummer ein oder scannen Sie sie</translation>
    </message>
    <message>
        <source>Enter the amount returned</source>
        <translation>Geben Sie den erstatteten Betrag ein</translation>
    </message>
    <message>
        <source>Return &lt;b&gt;all that is left&lt;/b&gt; of order &lt;b&gt;{order}&lt;/b&gt; ({amount} left to return)?</source>
        <translation>&lt;b&gt;Den gesamten Rest&lt;/b&gt; der Bestellung &lt;b&gt;{order}&lt;/b&gt; zurücknehmen (noch {amount} erstattbar)?</translation>
    </message>
    <message>
        <source>Return &lt;b&gt;all that is left&lt;/b&gt; of order &lt;b&gt;{order}&lt;/b&gt;?</source>
        <translation>&lt;b&gt;Den gesamten Rest&lt;/b&gt; der Bestellung &lt;b&gt;{order}&lt;/b&gt; zurücknehmen?</translation>
    </message>
    <message>
        <source>The points it earned are taken back.</source>
        <translation>Die damit gesammelten Punkte werden abgezogen.</translation>
    </message>
    <message>
        <source>The stamp it earned is taken back.</source>
        <translation>Der damit gesammelte Stempel wird abgezogen.</translation>
    </message>
    <message>
        <source>Void the sale &lt;b&gt;{order}&lt;/b&gt; of {amount} at {when}? What it earned ({earned}) is taken back. The sale stays in the history as voided.</source>
        <translation>Den Verkauf &lt;b&gt;{order}&lt;/b&gt; über {amount} vom {when} stornieren? Was er gebracht hat ({earned}), wird abgezogen. Der Verkauf bleibt als storniert im Verlauf.</translation>
    </message>
    <message>
        <source>Only today&apos;s sale with nothing returned can be voided; use Return</source>
        <translation>Nur ein heutiger Verkauf ohne Rückgabe kann storniert werden; nutzen Sie Rückgabe</translation>
    </message>
    <message>
        <source>Return all</source>
        <translation>Alles zurücknehmen</translation>
    </message>
    <message>
        <source>Mark redeemed</source>
        <translation>Als eingelöst markieren</translation>
    </message>
    <message>
        <source>Open member</source>
        <translation>Mitglied öffnen</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <source>Voucher {code}</source>
        <translation>Gutschein {code}</translation>
    </message>
    <message>
        <source>{reward} for {member} · {points} points · redeemed {when}
Status: {status}</source>
        <translation>{reward} für {member} · {points} Punkte · eingelöst am {when}
Status: {status}</translation>
    </message>
    <message>
        <source>This card was replaced on {date}</source>
        <translation>Diese Karte wurde am {date} ersetzt</translation>
    </message>
    <message>
        <source>It belonged to {name}, whose card is now {number}. The old card no longer works.</source>
        <translation>Sie gehörte {name}; die Karte dieses Mitglieds ist jetzt {number}. Die alte Karte gilt nicht mehr.</translation>
    </message>
    <message>
        <source>Voucher {code} marked redeemed</source>
        <translation>Gutschein {code} als eingelöst markiert</translation>
    </message>
    <message>
        <source>waiting for approval</source>
        <translation>wartet auf Freigabe</translation>
    </message>
    <message>
        <source>approved: hand the reward over</source>
        <translation>freigegeben: Prämie aushändigen</translation>
    </message>
    <message>
        <source>shipped</source>
        <translation>versandt</translation>
    </message>
    <message>
        <source>delivered</source>
        <translation>zugestellt</translation>
    </message>
    <message>
        <source>already redeemed</source>
        <translation>bereits eingelöst</translation>
    </message>
    <message>
        <source>cancelled (points refunded)</source>
        <translation>storniert (Punkte erstattet)</translation>
    </message>
    <message>
        <source>Print a sheet of cards</source>
        <translation>Kartenbogen drucken</translation>
    </message>
    <message>
        <source>The {n} member(s) selected in the Members tab</source>
        <translation>Die {n} im Tab Mitglieder ausgewählten Mitglied(er)</translation>
    </message>
    <message>
        <source>Everyone enrolled since</source>
        <translation>Alle aufgenommen seit</translation>
    </message>
    <message>
        <source>&amp;Paper</source>
        <translation>&amp;Papier</translation>
    </message>
    <message>
        <source>Preview and print…</source>
        <translation>Vorschau und Drucken…</translation>
    </message>
    <message>
        <source>Save as PDF…</source>
        <translation>Als PDF speichern…</translation>
    </message>
    <message>
        <source>Collecting members</source>
        <translation>Mitglieder werden gesammelt</translation>
    </message>
    <message>
        <source>Saved {n} card(s) to {path}</source>
        <translation>{n} Karte(n) in {path} gespeichert</translation>
    </message>
    <message>
        <source>The sheet could not be saved: {error}</source>
        <translation>Der Kartenbogen konnte nicht gespeichert werden: {error}</translation>
    </message>
    <message>
        <source>Drawing the card sheet</source>
        <translation>Kartenbogen wird gezeichnet</translation>
    </message>
    <message>
        <source>Member card</source>
        <translation>Mitgliedskarte</translation>
    </message>
    <message>
        <source>Refer a friend: {code}</source>
        <translation>Freunde werben: {code}</translation>
    </message>
    <message>
        <source>Member card · show it at every visit</source>
        <translation>Mitgliedskarte · bei jedem Besuch vorzeigen</translation>
    </message>
    <message>
        <source>Card sheet</source>
        <translation>Kartenbogen</translation>
    </message>
    <message>
        <source>Reward voucher</source>
        <translation>Prämiengutschein</translation>
    </message>
    <message>
        <source>REWARD VOUCHER</source>
        <translation>PRÄMIENGUTSCHEIN</translation>
    </message>
    <message>
        <source>For {name}</source>
        <translation>Für {name}</translation>
    </message>
    <message>
        <source>Redeemed {date} · {points} points</source>
        <translation>Eingelöst am {date} · {points} Punkte</translation>
    </message>
    <message>
        <source>Show this voucher or its code at the counter.</source>
        <translation>Zeigen Sie diesen Gutschein oder seinen Code an der Kasse vor.</translation>
    </message>
    <message>
        <source>Counter slip</source>
        <translation>Kassenbeleg</translation>
    </message>
    <message>
        <source>Thank you!</source>
        <translation>Vielen Dank!</translation>
    </message>
    <message>
        <source>Drawing pages</source>
        <translation>Seiten werden gezeichnet</translation>
    </message>
    <message>
        <source>the file could not be opened for writing</source>
        <translation>die Datei konnte nicht zum Schreiben geöffnet werden</translation>
    </message>
    <message>
        <source>could not write {path}</source>
        <translation>{path} konnte nicht geschrieben werden</translation>
    </message>
    <message>
        <source>Save as</source>
        <translation>Speichern unter</translation>
    </message>
    <message>
        <source>Print…</source>
        <translation>Drucken…</translation>
    </message>
    <message>
        <source>Save as PNG…</source>
        <translation>Als PNG speichern…</translation>
    </message>
    <message>
        <source>Saved {path}</source>
        <translation>{path} gespeichert</translation>
    </message>
    <message>
        <source>Integrations</source>
        <translation>Integrationen</translation>
    </message>
    <message>
        <source>Ser&amp;ver</source>
        <translation>Ser&amp;ver</translation>
    </message>
    <message>
        <source>API &amp;keys</source>
        <translation>API-&amp;Schlüssel</translation>
    </message>
    <message>
        <source>&amp;Web shops</source>
        <translation>&amp;Webshops</translation>
    </message>
    <message>
        <source>Write: also enroll, record purchases and returns, redeem</source>
        <translation>Schreiben: auch aufnehmen, Einkäufe und Rückgaben verbuchen, einlösen</translation>
    </message>
    <message>
        <source>Read only</source>
        <translation>Nur lesen</translation>
    </message>
    <message>
        <source>write</source>
        <translation>schreiben</translation>
    </message>
    <message>
        <source>read</source>
        <translation>lesen</translation>
    </message>
    <message>
        <source>Scope</source>
        <translation>Umfang</translation>
    </message>
    <message>
        <source>Key</source>
        <translation>Schlüssel</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>Erstellt</translation>
    </message>
    <message>
        <source>Last used</source>
        <translation>Zuletzt benutzt</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>The key&apos;s first characters, to tell keys apart (the key itself is never kept)</source>
        <translation>Die ersten Zeichen des Schlüssels, um Schlüssel zu unterscheiden (der Schlüssel selbst wird nie gespeichert)</translation>
    </message>
    <message>
        <source>Noted at most once a minute</source>
        <translation>Höchstens einmal pro Minute vermerkt</translation>
    </message>
    <message>
        <source>revoked {when}</source>
        <translation>widerrufen {when}</translation>
    </message>
    <message>
        <source>never</source>
        <translation>nie</translation>
    </message>
    <message>
        <source>New API key</source>
        <translation>Neuer API-Schlüssel</translation>
    </message>
    <message>
        <source>The new API key</source>
        <translation>Der neue API-Schlüssel</translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation>&amp;Kopieren</translation>
    </message>
    <message>
        <source>Copy it now: it will not be shown again. Only its hash is kept, so a lost key cannot be read back: revoke it and create another.</source>
        <translation>Kopieren Sie ihn jetzt: Er wird nicht noch einmal angezeigt. Gespeichert wird nur sein Hash, ein verlorener Schlüssel lässt sich also nicht wiederherstellen: Widerrufen Sie ihn und erstellen Sie einen neuen.</translation>
    </message>
    <message>
        <source>API key “{name}” ({scope})</source>
        <translation>API-Schlüssel „{name}“ ({scope})</translation>
    </message>
    <message>
        <source>Copied</source>
        <translation>Kopiert</translation>
    </message>
    <message>
        <source>API keys</source>
        <translation>API-Schlüssel</translation>
    </message>
    <message>
        <source>what it is for, e.g. web shop</source>
        <translation>wofür er ist, z. B. Webshop</translation>
    </message>
    <message>
        <source>Key name</source>
        <translation>Name des Schlüssels</translation>
    </message>
    <message>
        <source>&amp;Create key</source>
        <translation>Schlüssel &amp;erstellen</translation>
    </message>
    <message>
        <source>&amp;Revoke…</source>
        <translation>&amp;Widerrufen…</translation>
    </message>
    <message>
        <source>&amp;Name</source>
        <translation>&amp;Name</translation>
    </message>
    <message>
        <source>Sc&amp;ope</source>
        <translation>&amp;Umfang</translation>
    </message>
    <message>
        <source>A till or a web shop sends its key with every request (Authorization: Bearer KEY). A key belongs to this shop only.</source>
        <translation>Eine Kasse oder ein Webshop sendet ihren Schlüssel mit jeder Anfrage (Authorization: Bearer KEY). Ein Schlüssel gilt nur für dieses Geschäft.</translation>
    </message>
    <message>
        <source>Revoke API key</source>
        <translation>API-Schlüssel widerrufen</translation>
    </message>
    <message>
        <source>Revoke “{name}” ({prefix}…)? From its next request on, whatever uses it is refused. This cannot be undone.</source>
        <translation>„{name}“ ({prefix}…) widerrufen? Ab der nächsten Anfrage wird alles abgewiesen, was ihn benutzt. Das lässt sich nicht rückgängig machen.</translation>
    </message>
    <message>
        <source>Whose order is it?</source>
        <translation>Wessen Bestellung ist das?</translation>
    </message>
    <message>
        <source>Find a member</source>
        <translation>Mitglied suchen</translation>
    </message>
    <message>
        <source>card, phone, email or name</source>
        <translation>Karte, Telefon, E-Mail oder Name</translation>
    </message>
    <message>
        <source>Members found</source>
        <translation>Gefundene Mitglieder</translation>
    </message>
    <message>
        <source>&amp;Record as theirs</source>
        <translation>Als ihre Bestellung &amp;verbuchen</translation>
    </message>
    <message>
        <source>&amp;Find</source>
        <translation>&amp;Suchen</translation>
    </message>
    <message>
        <source>Port {port} is in use by another program: choose another port, or stop that program</source>
        <translation>Port {port} wird von einem anderen Programm benutzt: Wählen Sie einen anderen Port oder beenden Sie dieses Programm</translation>
    </message>
    <message>
        <source>This computer has no address {host}: use 127.0.0.1, or one of this computer&apos;s addresses</source>
        <translation>Dieser Computer hat keine Adresse {host}: Verwenden Sie 127.0.0.1 oder eine Adresse dieses Computers</translation>
    </message>
    <message>
        <source>Port {port} needs administrator rights: choose a port from 1024 up</source>
        <translation>Port {port} braucht Administratorrechte: Wählen Sie einen Port ab 1024</translation>
    </message>
    <message>
        <source>The server stopped (exit code {code}): {last}</source>
        <translation>Der Server wurde beendet (Exit-Code {code}): {last}</translation>
    </message>
    <message>
        <source>The server stopped (exit code {code})</source>
        <translation>Der Server wurde beendet (Exit-Code {code})</translation>
    </message>
    <message>
        <source>Starting on {url}</source>
        <translation>Start auf {url}</translation>
    </message>
    <message>
        <source>Still busy after {seconds} s: stopped at once</source>
        <translation>Nach {seconds} s noch beschäftigt: sofort beendet</translation>
    </message>
    <message>
        <source>Stopped</source>
        <translation>Gestoppt</translation>
    </message>
    <message>
        <source>The server could not be started: {reason}</source>
        <translation>Der Server konnte nicht gestartet werden: {reason}</translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation>Startet…</translation>
    </message>
    <message>
        <source>Running</source>
        <translation>Läuft</translation>
    </message>
    <message>
        <source>Stopping: finishing the requests in flight…</source>
        <translation>Stoppt: laufende Anfragen werden beendet…</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Fehlgeschlagen</translation>
    </message>
    <message>
        <source>Enter the address to listen on, such as 127.0.0.1 (this computer only)</source>
        <translation>Geben Sie die Adresse ein, auf der gelauscht wird, etwa 127.0.0.1 (nur dieser Computer)</translation>
    </message>
    <message>
        <source>Not an address: use 127.0.0.1 (this computer only) or this computer&apos;s address on the network</source>
        <translation>Keine Adresse: Verwenden Sie 127.0.0.1 (nur dieser Computer) oder die Netzwerkadresse dieses Computers</translation>
    </message>
    <message>
        <source>Use a port from {lowest} to {highest}</source>
        <translation>Verwenden Sie einen Port von {lowest} bis {highest}</translation>
    </message>
    <message>
        <source>Address to listen on</source>
        <translation>Adresse, auf der gelauscht wird</translation>
    </message>
    <message>
        <source>Port</source>
        <translation>Port</translation>
    </message>
    <message>
        <source>&amp;Host</source>
        <translation>&amp;Host</translation>
    </message>
    <message>
        <source>&amp;Port</source>
        <translation>&amp;Port</translation>
    </message>
    <message>
        <source>&amp;Start</source>
        <translation>&amp;Starten</translation>
    </message>
    <message>
        <source>S&amp;top</source>
        <translation>S&amp;toppen</translation>
    </message>
    <message>
        <source>Stops taking requests, lets those in flight finish, then stops</source>
        <translation>Nimmt keine Anfragen mehr an, lässt laufende zu Ende gehen und stoppt dann</translation>
    </message>
    <message>
        <source>&amp;Copy URL</source>
        <translation>URL &amp;kopieren</translation>
    </message>
    <message>
        <source>Request log</source>
        <translation>Anfrageprotokoll</translation>
    </message>
    <message>
        <source>Request &amp;log (time, method, status, duration, path; the last {lines})</source>
        <translation>&amp;Anfrageprotokoll (Zeit, Methode, Status, Dauer, Pfad; die letzten {lines})</translation>
    </message>
    <message>
        <source>C&amp;lear log</source>
        <translation>Protokoll &amp;leeren</translation>
    </message>
    <message>
        <source>The HTTP API lets a till or a web shop post its sales itself (README, “HTTP API”). It runs beside this window, on the same database, until you stop it or quit.</source>
        <translation>Über die HTTP-API meldet eine Kasse oder ein Webshop ihre Verkäufe selbst (README, „HTTP API“). Sie läuft neben diesem Fenster auf derselben Datenbank, bis Sie sie stoppen oder das Programm beenden.</translation>
    </message>
    <message>
        <source>URL:</source>
        <translation>URL:</translation>
    </message>
    <message>
        <source>Other computers on the network can reach the API at {host}: only keys let them in, so keep the keys secret (127.0.0.1 keeps it to this computer).</source>
        <translation>Andere Computer im Netzwerk erreichen die API unter {host}: Nur Schlüssel lassen sie herein, halten Sie die Schlüssel also geheim (127.0.0.1 beschränkt sie auf diesen Computer).</translation>
    </message>
    <message>
        <source>Correct the fields marked in red first</source>
        <translation>Korrigieren Sie zuerst die rot markierten Felder</translation>
    </message>
    <message>
        <source>{url}   (documentation: {docs})</source>
        <translation>{url}   (Dokumentation: {docs})</translation>
    </message>
    <message>
        <source>(not running)</source>
        <translation>(läuft nicht)</translation>
    </message>
    <message>
        <source>Orders paid</source>
        <translation>Bezahlte Bestellungen</translation>
    </message>
    <message>
        <source>Copy the Shopify orders paid address</source>
        <translation>Shopify-Adresse für bezahlte Bestellungen kopieren</translation>
    </message>
    <message>
        <source>Refunds</source>
        <translation>Erstattungen</translation>
    </message>
    <message>
        <source>Copy the Shopify refunds address</source>
        <translation>Shopify-Adresse für Erstattungen kopieren</translation>
    </message>
    <message>
        <source>Orders</source>
        <translation>Bestellungen</translation>
    </message>
    <message>
        <source>Copy the WooCommerce orders address</source>
        <translation>WooCommerce-Adresse für Bestellungen kopieren</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>Empfangen</translation>
    </message>
    <message>
        <source>Shop</source>
        <translation>Shop</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>Kunde</translation>
    </message>
    <message>
        <source>Subtotal</source>
        <translation>Zwischensumme</translation>
    </message>
    <message>
        <source>Why it waits</source>
        <translation>Warum sie wartet</translation>
    </message>
    <message>
        <source>(none given)</source>
        <translation>(keine Angabe)</translation>
    </message>
    <message>
        <source>{shop} signing secret</source>
        <translation>Signaturgeheimnis von {shop}</translation>
    </message>
    <message>
        <source>Signing secret</source>
        <translation>Signaturgeheimnis</translation>
    </message>
    <message>
        <source>Shopify shows it under Settings ▸ Notifications ▸ Webhooks (“Your webhooks will be signed with …”)</source>
        <translation>Shopify zeigt es unter Einstellungen ▸ Benachrichtigungen ▸ Webhooks („Deine Webhooks werden signiert mit …“)</translation>
    </message>
    <message>
        <source>WooCommerce takes the one you type under Settings ▸ Advanced ▸ Webhooks ▸ Secret</source>
        <translation>WooCommerce übernimmt das, das Sie unter Einstellungen ▸ Erweitert ▸ Webhooks ▸ Geheimnis eingeben</translation>
    </message>
    <message>
        <source>The secret the web shop signs its webhooks with. {where}. It replaces the one set; it is never shown again.</source>
        <translation>Das Geheimnis, mit dem der Webshop seine Webhooks signiert. {where}. Es ersetzt das bisherige und wird nie wieder angezeigt.</translation>
    </message>
    <message>
        <source>&amp;Enrol unknown customers (otherwise their orders wait below)</source>
        <translation>Unbekannte Kunden &amp;aufnehmen (sonst warten ihre Bestellungen unten)</translation>
    </message>
    <message>
        <source>Program web orders earn in</source>
        <translation>Programm, in dem Webbestellungen Punkte bringen</translation>
    </message>
    <message>
        <source>&amp;Program</source>
        <translation>&amp;Programm</translation>
    </message>
    <message>
        <source>Web orders no member took</source>
        <translation>Webbestellungen ohne Mitglied</translation>
    </message>
    <message>
        <source>&amp;Resolve…</source>
        <translation>&amp;Zuordnen…</translation>
    </message>
    <message>
        <source>Record the order as a member&apos;s purchase</source>
        <translation>Die Bestellung als Einkauf eines Mitglieds verbuchen</translation>
    </message>
    <message>
        <source>&amp;Dismiss…</source>
        <translation>V&amp;erwerfen…</translation>
    </message>
    <message>
        <source>The order earns nothing</source>
        <translation>Die Bestellung bringt nichts</translation>
    </message>
    <message>
        <source>Paste these addresses into the web shop&apos;s webhooks, with the same secret on both sides. The server must be running, and reachable by the web shop (a shop hosted elsewhere needs this computer&apos;s public address or a tunnel in place of the one shown).</source>
        <translation>Fügen Sie diese Adressen in die Webhooks des Webshops ein, mit demselben Geheimnis auf beiden Seiten. Der Server muss laufen und für den Webshop erreichbar sein (ein anderswo gehosteter Shop braucht statt der angezeigten die öffentliche Adresse dieses Computers oder einen Tunnel).</translation>
    </message>
    <message>
        <source>Paid web orders no member took</source>
        <translation>Bezahlte Webbestellungen ohne Mitglied</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>Kopieren</translation>
    </message>
    <message>
        <source>Replace…</source>
        <translation>Ersetzen…</translation>
    </message>
    <message>
        <source>Replace the {shop} signing secret</source>
        <translation>Signaturgeheimnis von {shop} ersetzen</translation>
    </message>
    <message>
        <source>Secret</source>
        <translation>Geheimnis</translation>
    </message>
    <message>
        <source>set</source>
        <translation>gesetzt</translation>
    </message>
    <message>
        <source>not set: its webhooks are refused</source>
        <translation>nicht gesetzt: seine Webhooks werden abgewiesen</translation>
    </message>
    <message>
        <source>The shop&apos;s only active program</source>
        <translation>Das einzige aktive Programm des Geschäfts</translation>
    </message>
    <message>
        <source>Not chosen: choose one (the shop has several active programs)</source>
        <translation>Nicht gewählt: Wählen Sie eines (das Geschäft hat mehrere aktive Programme)</translation>
    </message>
    <message>
        <source>Order {order} recorded: {points} points</source>
        <translation>Bestellung {order} verbucht: {points} Punkte</translation>
    </message>
    <message>
        <source>Dismiss web order</source>
        <translation>Webbestellung verwerfen</translation>
    </message>
    <message>
        <source>Order {order} earns no points, and leaves this list. Dismiss it?</source>
        <translation>Bestellung {order} bringt keine Punkte und verschwindet aus dieser Liste. Verwerfen?</translation>
    </message>
    <message>
        <source>Order {order} dismissed</source>
        <translation>Bestellung {order} verworfen</translation>
    </message>
    <message>
        <source>Members (with balances: imports back as it is)</source>
        <translation>Mitglieder (mit Punkteständen: lässt sich unverändert wieder importieren)</translation>
    </message>
    <message>
        <source>Points history (every row)</source>
        <translation>Punkteverlauf (jede Zeile)</translation>
    </message>
    <message>
        <source>What to export</source>
        <translation>Was exportiert werden soll</translation>
    </message>
    <message>
        <source>&amp;Export</source>
        <translation>&amp;Exportieren</translation>
    </message>
    <message>
        <source>&amp;Of</source>
        <translation>&amp;Aus</translation>
    </message>
    <message>
        <source>Exports are not part of this installation</source>
        <translation>Exporte gehören nicht zu dieser Installation</translation>
    </message>
    <message>
        <source>Writing…</source>
        <translation>Wird geschrieben…</translation>
    </message>
    <message>
        <source>Saved {n} row to {path}</source>
        <translation>{n} Zeile in {path} gespeichert</translation>
    </message>
    <message>
        <source>Saved {n} rows to {path}</source>
        <translation>{n} Zeilen in {path} gespeichert</translation>
    </message>
    <message>
        <source>Nothing was exported: {reason}</source>
        <translation>Es wurde nichts exportiert: {reason}</translation>
    </message>
    <message>
        <source>Customer id</source>
        <translation>Kundennummer</translation>
    </message>
    <message>
        <source>Customer name</source>
        <translation>Kundenname</translation>
    </message>
    <message>
        <source>First name</source>
        <translation>Vorname</translation>
    </message>
    <message>
        <source>Last name</source>
        <translation>Nachname</translation>
    </message>
    <message>
        <source>Lifetime points</source>
        <translation>Gesamtpunkte</translation>
    </message>
    <message>
        <source>Enrollment date</source>
        <translation>Anmeldedatum</translation>
    </message>
    <message>
        <source>Card number</source>
        <translation>Kartennummer</translation>
    </message>
    <message>
        <source>Marketing consent</source>
        <translation>Werbeeinwilligung</translation>
    </message>
    <message>
        <source>Email opt out</source>
        <translation>E-Mail-Abmeldung</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Notizen</translation>
    </message>
    <message>
        <source>{added} added, {updated} updated, {unchanged} unchanged, {refused} refused, of {rows} rows</source>
        <translation>{added} hinzugefügt, {updated} aktualisiert, {unchanged} unverändert, {refused} abgelehnt, von {rows} Zeilen</translation>
    </message>
    <message>
        <source>{added} to add, {updated} to update, {unchanged} unchanged, {refused} refused, of {rows} rows</source>
        <translation>{added} hinzuzufügen, {updated} zu aktualisieren, {unchanged} unverändert, {refused} abgelehnt, von {rows} Zeilen</translation>
    </message>
    <message>
        <source>Choose the file</source>
        <translation>Datei wählen</translation>
    </message>
    <message>
        <source>A CSV file with a header row: UTF-8 or Windows-1252, separated by commas, semicolons or tabs. Spreadsheets save one with File ▸ Save as ▸ CSV.</source>
        <translation>Eine CSV-Datei mit Kopfzeile: UTF-8 oder Windows-1252, getrennt durch Kommas, Semikolons oder Tabulatoren. Tabellenkalkulationen speichern sie mit Datei ▸ Speichern unter ▸ CSV.</translation>
    </message>
    <message>
        <source>the CSV file</source>
        <translation>die CSV-Datei</translation>
    </message>
    <message>
        <source>CSV file</source>
        <translation>CSV-Datei</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Durchsuchen…</translation>
    </message>
    <message>
        <source>F&amp;ile</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <source>Into the &amp;program</source>
        <translation>In das &amp;Programm</translation>
    </message>
    <message>
        <source>Import members</source>
        <translation>Mitglieder importieren</translation>
    </message>
    <message>
        <source>CSV files (*.csv *.txt);;All files (*)</source>
        <translation>CSV-Dateien (*.csv *.txt);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Preview</source>
        <translation>Vorschau</translation>
    </message>
    <message>
        <source>commas</source>
        <translation>Kommas</translation>
    </message>
    <message>
        <source>semicolons</source>
        <translation>Semikolons</translation>
    </message>
    <message>
        <source>tabs</source>
        <translation>Tabulatoren</translation>
    </message>
    <message>
        <source>{file}: {rows} rows, read as {encoding}, separated by {delimiter}.</source>
        <translation>{file}: {rows} Zeilen, gelesen als {encoding}, getrennt durch {delimiter}.</translation>
    </message>
    <message>
        <source>The first {n} rows, as the import reads them:</source>
        <translation>Die ersten {n} Zeilen, wie der Import sie liest:</translation>
    </message>
    <message>
        <source>Map the columns</source>
        <translation>Spalten zuordnen</translation>
    </message>
    <message>
        <source>Each column of the file, and what it holds. Columns left out are not read.</source>
        <translation>Jede Spalte der Datei und was sie enthält. Weggelassene Spalten werden nicht gelesen.</translation>
    </message>
    <message>
        <source>(leave out)</source>
        <translation>(weglassen)</translation>
    </message>
    <message>
        <source>Column {header}</source>
        <translation>Spalte {header}</translation>
    </message>
    <message>
        <source>(no header)</source>
        <translation>(ohne Überschrift)</translation>
    </message>
    <message>
        <source>Dry run</source>
        <translation>Probelauf</translation>
    </message>
    <message>
        <source>What the import would do. Nothing has been written yet.</source>
        <translation>Was der Import tun würde. Es wurde noch nichts geschrieben.</translation>
    </message>
    <message>
        <source>Import the good rows, and leave the refused ones out</source>
        <translation>Die fehlerfreien Zeilen importieren und die abgelehnten weglassen</translation>
    </message>
    <message>
        <source>Reading the file as the import would…</source>
        <translation>Die Datei wird gelesen, wie der Import sie lesen würde…</translation>
    </message>
    <message>
        <source>Line</source>
        <translation>Zeile</translation>
    </message>
    <message>
        <source>Column</source>
        <translation>Spalte</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>Grund</translation>
    </message>
    <message>
        <source>. Refused rows are listed below: fix the file and import it again, or import the good rows only.</source>
        <translation>. Die abgelehnten Zeilen stehen unten: Korrigieren Sie die Datei und importieren Sie sie erneut, oder importieren Sie nur die fehlerfreien Zeilen.</translation>
    </message>
    <message>
        <source>. Every row is good.</source>
        <translation>. Alle Zeilen sind in Ordnung.</translation>
    </message>
    <message>
        <source>The file could not be read: {error}</source>
        <translation>Die Datei konnte nicht gelesen werden: {error}</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>Importieren</translation>
    </message>
    <message>
        <source>Cancel the import</source>
        <translation>Import abbrechen</translation>
    </message>
    <message>
        <source>Importing…</source>
        <translation>Wird importiert…</translation>
    </message>
    <message>
        <source>Cancelling: nothing will be written…</source>
        <translation>Wird abgebrochen: Es wird nichts geschrieben…</translation>
    </message>
    <message>
        <source>Cancelled: nothing was imported.</source>
        <translation>Abgebrochen: Es wurde nichts importiert.</translation>
    </message>
    <message>
        <source>The import failed: {error}</source>
        <translation>Der Import ist fehlgeschlagen: {error}</translation>
    </message>
    <message>
        <source>JSON file (*.json)</source>
        <translation>JSON-Datei (*.json)</translation>
    </message>
    <message>
        <source>Saved {name}&apos;s data to {path}</source>
        <translation>Die Daten von {name} wurden in {path} gespeichert</translation>
    </message>
    <message>
        <source>Erase {name}</source>
        <translation>{name} löschen</translation>
    </message>
    <message>
        <source>Erase {name}&apos;s personal data? This cannot be undone.</source>
        <translation>Die persönlichen Daten von {name} löschen? Das kann nicht rückgängig gemacht werden.</translation>
    </message>
    <message>
        <source>Name, email, phone, birthday, customer id, notes and delivery addresses are removed everywhere; the card stops working. The points history stays, without the person, so the shop&apos;s totals still add up. Who erased it, when and why is recorded.</source>
        <translation>Name, E-Mail, Telefon, Geburtstag, Kundennummer, Notizen und Lieferadressen werden überall entfernt; die Karte funktioniert nicht mehr. Der Punkteverlauf bleibt ohne die Person erhalten, damit die Summen des Geschäfts weiter stimmen. Wer wann und warum gelöscht hat, wird festgehalten.</translation>
    </message>
    <message>
        <source>required: e.g. the customer asked on 3 December</source>
        <translation>erforderlich: z. B. Kunde hat am 3. Dezember darum gebeten</translation>
    </message>
    <message>
        <source>Erase</source>
        <translation>Löschen</translation>
    </message>
    <message>
        <source>Give the reason for the erasure</source>
        <translation>Geben Sie den Grund für die Löschung an</translation>
    </message>
    <message>
        <source>Merge duplicate members</source>
        <translation>Doppelte Mitglieder zusammenführen</translation>
    </message>
    <message>
        <source>Two records of {name}?</source>
        <translation>Zwei Datensätze von {name}?</translation>
    </message>
    <message>
        <source>{first} and {second}: one person?</source>
        <translation>{first} und {second}: eine Person?</translation>
    </message>
    <message>
        <source>{money} spent</source>
        <translation>{money} Umsatz</translation>
    </message>
    <message>
        <source>joined {date}</source>
        <translation>dabei seit {date}</translation>
    </message>
    <message>
        <source>Keep {name} · card {card}</source>
        <translation>{name} behalten · Karte {card}</translation>
    </message>
    <message>
        <source>The other record&apos;s points move with their expiry dates; lifetime points, spending and redemptions add up; the tier is worked out again; the other card stops working. This cannot be undone.</source>
        <translation>Die Punkte des anderen Datensatzes wandern mit ihren Verfallsdaten mit; Gesamtpunkte, Umsatz und Einlösungen werden addiert; die Stufe wird neu ermittelt; die andere Karte funktioniert nicht mehr. Das kann nicht rückgängig gemacht werden.</translation>
    </message>
    <message>
        <source>Merge</source>
        <translation>Zusammenführen</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Art</translation>
    </message>
    <message>
        <source>Balance after</source>
        <translation>Stand danach</translation>
    </message>
    <message>
        <source>Tracking / notes</source>
        <translation>Sendungsnummer / Notizen</translation>
    </message>
    <message>
        <source>Event</source>
        <translation>Ereignis</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>Beschreibung</translation>
    </message>
    <message>
        <source>Points history</source>
        <translation>Punkteverlauf</translation>
    </message>
    <message>
        <source>Activity</source>
        <translation>Aktivität</translation>
    </message>
    <message>
        <source>Merge…</source>
        <translation>Zusammenführen…</translation>
    </message>
    <message>
        <source>Merge the two records of this person into one</source>
        <translation>Die beiden Datensätze dieser Person zu einem zusammenführen</translation>
    </message>
    <message>
        <source>No member selected</source>
        <translation>Kein Mitglied ausgewählt</translation>
    </message>
    <message>
        <source>Select a member above to see their points history, redemptions and activity.</source>
        <translation>Wählen Sie oben ein Mitglied, um seinen Punkteverlauf, seine Einlösungen und seine Aktivität zu sehen.</translation>
    </message>
    <message>
        <source>Member not available</source>
        <translation>Mitglied nicht verfügbar</translation>
    </message>
    <message>
        <source>{name} (card {card}) has the same phone: two records of one person?</source>
        <translation>{name} (Karte {card}) hat dieselbe Telefonnummer: zwei Datensätze einer Person?</translation>
    </message>
    <message>
        <source>{name} (card {card}) has the same email: two records of one person?</source>
        <translation>{name} (Karte {card}) hat dieselbe E-Mail-Adresse: zwei Datensätze einer Person?</translation>
    </message>
    <message>
        <source>{name} (card {card}) has the same name: two records of one person?</source>
        <translation>{name} (Karte {card}) hat denselben Namen: zwei Datensätze einer Person?</translation>
    </message>
    <message>
        <source>Card {card}</source>
        <translation>Karte {card}</translation>
    </message>
    <message>
        <source>{points} lifetime</source>
        <translation>{points} insgesamt</translation>
    </message>
    <message>
        <source>+{points} held</source>
        <translation>+{points} zurückgehalten</translation>
    </message>
    <message>
        <source>Held for the return window; not spendable yet</source>
        <translation>Für die Rückgabefrist zurückgehalten; noch nicht einlösbar</translation>
    </message>
    <message>
        <source> (shortfall {points})</source>
        <translation> (Fehlbetrag {points})</translation>
    </message>
    <message>
        <source>Reward {id}</source>
        <translation>Prämie {id}</translation>
    </message>
    <message>
        <source>Filter by tier above; this column is not sortable</source>
        <translation>Oben nach Stufe filtern; diese Spalte lässt sich nicht sortieren</translation>
    </message>
    <message>
        <source>Points the member can spend now</source>
        <translation>Punkte, die das Mitglied jetzt einlösen kann</translation>
    </message>
    <message>
        <source>Points earned since joining, less returns; tiers follow these</source>
        <translation>Seit der Anmeldung gesammelte Punkte abzüglich Rückgaben; danach richten sich die Stufen</translation>
    </message>
    <message>
        <source>Total spent</source>
        <translation>Umsatz gesamt</translation>
    </message>
    <message>
        <source>Filter by status above; this column is not sortable</source>
        <translation>Oben nach Status filtern; diese Spalte lässt sich nicht sortieren</translation>
    </message>
    <message>
        <source>Last activity</source>
        <translation>Letzte Aktivität</translation>
    </message>
    <message>
        <source>In this computer&apos;s local time</source>
        <translation>In der Ortszeit dieses Computers</translation>
    </message>
    <message>
        <source>Sort by {title}</source>
        <translation>Nach „{title}“ sortieren</translation>
    </message>
    <message>
        <source>Any status</source>
        <translation>Jeder Status</translation>
    </message>
    <message>
        <source>Search by first or last name  (Ctrl+Shift+F)</source>
        <translation>Nach Vor- oder Nachname suchen  (Strg+Umschalt+F)</translation>
    </message>
    <message>
        <source>Search members by name</source>
        <translation>Mitglieder nach Namen suchen</translation>
    </message>
    <message>
        <source>{n}+ members</source>
        <translation>{n}+ Mitglieder</translation>
    </message>
    <message>
        <source>Program:</source>
        <translation>Programm:</translation>
    </message>
    <message>
        <source>Tier:</source>
        <translation>Stufe:</translation>
    </message>
    <message>
        <source>Status:</source>
        <translation>Status:</translation>
    </message>
    <message>
        <source>All tiers</source>
        <translation>Alle Stufen</translation>
    </message>
    <message>
        <source>Choose a program to filter by its tiers</source>
        <translation>Wählen Sie ein Programm, um nach seinen Stufen zu filtern</translation>
    </message>
    <message>
        <source>{status} ({n})</source>
        <translation>{status} ({n})</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Wird geladen…</translation>
    </message>
    <message>
        <source>{n} member</source>
        <translation>{n} Mitglied</translation>
    </message>
    <message>
        <source>{n} members</source>
        <translation>{n} Mitglieder</translation>
    </message>
    <message>
        <source>Email to a segment</source>
        <translation>E-Mail an ein Segment</translation>
    </message>
    <message>
        <source>{n} email is on its way.</source>
        <translation>{n} E-Mail ist unterwegs.</translation>
    </message>
    <message>
        <source>{n} emails are on their way.</source>
        <translation>{n} E-Mails sind unterwegs.</translation>
    </message>
    <message>
        <source>Messages</source>
        <translation>Nachrichten</translation>
    </message>
    <message>
        <source>&amp;Mail server</source>
        <translation>&amp;Mailserver</translation>
    </message>
    <message>
        <source>&amp;Templates</source>
        <translation>&amp;Vorlagen</translation>
    </message>
    <message>
        <source>&amp;Outbox</source>
        <translation>&amp;Postausgang</translation>
    </message>
    <message>
        <source>type a name or card to preview for</source>
        <translation>Name oder Karte für die Vorschau eingeben</translation>
    </message>
    <message>
        <source>Preview for the member</source>
        <translation>Vorschau für das Mitglied</translation>
    </message>
    <message>
        <source>Member to preview for</source>
        <translation>Mitglied für die Vorschau</translation>
    </message>
    <message>
        <source>No member found</source>
        <translation>Kein Mitglied gefunden</translation>
    </message>
    <message>
        <source>All</source>
        <translation>Alle</translation>
    </message>
    <message>
        <source>Waiting to go</source>
        <translation>Wartet auf Versand</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>Gesendet</translation>
    </message>
    <message>
        <source>pending</source>
        <translation>wartend</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>fehlgeschlagen</translation>
    </message>
    <message>
        <source>sent</source>
        <translation>gesendet</translation>
    </message>
    <message>
        <source>Queued</source>
        <translation>Eingereiht</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Art</translation>
    </message>
    <message>
        <source>To</source>
        <translation>An</translation>
    </message>
    <message>
        <source>Email to {segment}</source>
        <translation>E-Mail an {segment}</translation>
    </message>
    <message>
        <source>Counting who it reaches…</source>
        <translation>Empfänger werden gezählt…</translation>
    </message>
    <message>
        <source>Double points this weekend</source>
        <translation>Doppelte Punkte an diesem Wochenende</translation>
    </message>
    <message>
        <source>Subject</source>
        <translation>Betreff</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Nachricht</translation>
    </message>
    <message>
        <source>Every purchase earns double points on Saturday and Sunday.</source>
        <translation>Jeder Einkauf bringt am Samstag und Sonntag doppelte Punkte.</translation>
    </message>
    <message>
        <source>&amp;Subject:</source>
        <translation>&amp;Betreff:</translation>
    </message>
    <message>
        <source>&amp;Message:</source>
        <translation>&amp;Nachricht:</translation>
    </message>
    <message>
        <source>Each email greets the member by name and ends with their balance and a way to unsubscribe (the &quot;Email to a segment&quot; template in Settings ▸ Messages).</source>
        <translation>Jede E-Mail begrüßt das Mitglied mit Namen und endet mit seinem Punktestand und einer Abmeldemöglichkeit (die Vorlage „E-Mail an ein Segment“ unter Einstellungen ▸ Nachrichten).</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>Senden</translation>
    </message>
    <message>
        <source>Goes to {n} member</source>
        <translation>Geht an {n} Mitglied</translation>
    </message>
    <message>
        <source>Goes to {n} members</source>
        <translation>Geht an {n} Mitglieder</translation>
    </message>
    <message>
        <source>({n} other in the segment has not agreed to marketing email, has no email address or opted out.)</source>
        <translation>({n} weiteres Mitglied des Segments hat Werbe-E-Mails nicht zugestimmt, hat keine E-Mail-Adresse oder hat sich abgemeldet.)</translation>
    </message>
    <message>
        <source>({n} others in the segment have not agreed to marketing email, have no email address or opted out.)</source>
        <translation>({n} weitere Mitglieder des Segments haben Werbe-E-Mails nicht zugestimmt, haben keine E-Mail-Adresse oder haben sich abgemeldet.)</translation>
    </message>
    <message>
        <source>Tries</source>
        <translation>Versuche</translation>
    </message>
    <message>
        <source>Last error</source>
        <translation>Letzter Fehler</translation>
    </message>
    <message>
        <source>A message waiting to go shows the member&apos;s address as it is now</source>
        <translation>Eine wartende Nachricht zeigt die aktuelle Adresse des Mitglieds</translation>
    </message>
    <message>
        <source>Tries so far: a temporary failure is tried again after 1, 2, 4… minutes</source>
        <translation>Bisherige Versuche: Nach einem vorübergehenden Fehler folgt ein neuer Versuch nach 1, 2, 4… Minuten</translation>
    </message>
    <message>
        <source>pending, next try {when}</source>
        <translation>wartend, nächster Versuch {when}</translation>
    </message>
    <message>
        <source>sent {when}</source>
        <translation>gesendet {when}</translation>
    </message>
    <message>
        <source>Outbox</source>
        <translation>Postausgang</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>Anzeigen</translation>
    </message>
    <message>
        <source>&amp;Retry</source>
        <translation>&amp;Wiederholen</translation>
    </message>
    <message>
        <source>Put the failed message back in the queue, to go at once</source>
        <translation>Die fehlgeschlagene Nachricht wieder einreihen, sie geht sofort</translation>
    </message>
    <message>
        <source>Re&amp;fresh</source>
        <translation>A&amp;ktualisieren</translation>
    </message>
    <message>
        <source>Send &amp;now</source>
        <translation>&amp;Jetzt senden</translation>
    </message>
    <message>
        <source>Send what is due now rather than within the minute</source>
        <translation>Fälliges jetzt senden statt innerhalb der Minute</translation>
    </message>
    <message>
        <source>&amp;Show</source>
        <translation>An&amp;zeigen</translation>
    </message>
    <message>
        <source>Nothing goes out until the mail server is set (the Mail server tab).</source>
        <translation>Nichts wird versendet, solange der Mailserver nicht eingerichtet ist (Reiter Mailserver).</translation>
    </message>
    <message>
        <source>The mail sender is stopping</source>
        <translation>Der Mailversand wird beendet</translation>
    </message>
    <message>
        <source>Sending waits while the database is restored</source>
        <translation>Der Versand wartet, während die Datenbank wiederhergestellt wird</translation>
    </message>
    <message>
        <source>This database is open read-only: no mail is sent from here</source>
        <translation>Diese Datenbank ist schreibgeschützt geöffnet: Von hier werden keine E-Mails gesendet</translation>
    </message>
    <message>
        <source>Set the mail server first (Settings ▸ Messages… ▸ Mail server)</source>
        <translation>Richten Sie zuerst den Mailserver ein (Einstellungen ▸ Nachrichten… ▸ Mailserver)</translation>
    </message>
    <message>
        <source>Sending already</source>
        <translation>Wird bereits gesendet</translation>
    </message>
    <message>
        <source>STARTTLS (usually port 587)</source>
        <translation>STARTTLS (meist Port 587)</translation>
    </message>
    <message>
        <source>TLS from the start (usually port 465)</source>
        <translation>TLS von Beginn an (meist Port 465)</translation>
    </message>
    <message>
        <source>None: unencrypted (port 25, a server on this network only)</source>
        <translation>Keine: unverschlüsselt (Port 25, nur für einen Server in diesem Netzwerk)</translation>
    </message>
    <message>
        <source>Mail server</source>
        <translation>Mailserver</translation>
    </message>
    <message>
        <source>Security</source>
        <translation>Sicherheit</translation>
    </message>
    <message>
        <source>often your email address</source>
        <translation>oft Ihre E-Mail-Adresse</translation>
    </message>
    <message>
        <source>User name</source>
        <translation>Benutzername</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Passwort</translation>
    </message>
    <message>
        <source>where replies and STOP go</source>
        <translation>wohin Antworten und STOP gehen</translation>
    </message>
    <message>
        <source>Reply to</source>
        <translation>Antwort an</translation>
    </message>
    <message>
        <source>Accept a self-signed certificate (only for a server you trust)</source>
        <translation>Selbstsigniertes Zertifikat akzeptieren (nur für einen Server, dem Sie vertrauen)</translation>
    </message>
    <message>
        <source>https://loyalty.example.com (optional)</source>
        <translation>https://loyalty.example.com (optional)</translation>
    </message>
    <message>
        <source>Unsubscribe link address</source>
        <translation>Adresse des Abmeldelinks</translation>
    </message>
    <message>
        <source>The address of this shop&apos;s HTTP API as members reach it; each email then carries a one-click unsubscribe link. Leave empty for &quot;reply STOP&quot;.</source>
        <translation>Die Adresse der HTTP-API dieses Geschäfts, wie Mitglieder sie erreichen; jede E-Mail enthält dann einen Abmeldelink mit einem Klick. Leer lassen für „mit STOP antworten“.</translation>
    </message>
    <message>
        <source>Mail &amp;server</source>
        <translation>Mail&amp;server</translation>
    </message>
    <message>
        <source>Se&amp;curity</source>
        <translation>Si&amp;cherheit</translation>
    </message>
    <message>
        <source>&amp;User name</source>
        <translation>&amp;Benutzername</translation>
    </message>
    <message>
        <source>Pass&amp;word</source>
        <translation>Pass&amp;wort</translation>
    </message>
    <message>
        <source>&amp;From</source>
        <translation>&amp;Absender</translation>
    </message>
    <message>
        <source>&amp;Reply to</source>
        <translation>A&amp;ntwort an</translation>
    </message>
    <message>
        <source>Unsubscribe &amp;link</source>
        <translation>Abmelde&amp;link</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>&amp;Speichern</translation>
    </message>
    <message>
        <source>Send the test to</source>
        <translation>Test senden an</translation>
    </message>
    <message>
        <source>Send a &amp;test email</source>
        <translation>&amp;Test-E-Mail senden</translation>
    </message>
    <message>
        <source>One short email through the server as typed above, saved or not</source>
        <translation>Eine kurze E-Mail über den oben eingegebenen Server, gespeichert oder nicht</translation>
    </message>
    <message>
        <source>Send the test &amp;to</source>
        <translation>Test sen&amp;den an</translation>
    </message>
    <message>
        <source>The emails to members go through this mail server: your email provider&apos;s SMTP settings.</source>
        <translation>Die E-Mails an Mitglieder gehen über diesen Mailserver: die SMTP-Einstellungen Ihres E-Mail-Anbieters.</translation>
    </message>
    <message>
        <source>Mail cannot be sent from this copy of Loyalty Desk (its mail part is not installed)</source>
        <translation>Diese Loyalty-Desk-Installation kann keine E-Mails senden (ihr Mail-Teil ist nicht installiert)</translation>
    </message>
    <message>
        <source>no keyring on this computer</source>
        <translation>kein Schlüsselbund auf diesem Computer</translation>
    </message>
    <message>
        <source>kept in the keyring: type to change it</source>
        <translation>im Schlüsselbund gespeichert: zum Ändern eintippen</translation>
    </message>
    <message>
        <source>The password goes to this computer&apos;s keyring, never to the database.</source>
        <translation>Das Passwort kommt in den Schlüsselbund dieses Computers, nie in die Datenbank.</translation>
    </message>
    <message>
        <source>Enter the address the emails come from</source>
        <translation>Geben Sie die Absenderadresse der E-Mails ein</translation>
    </message>
    <message>
        <source>Enter the mail server, such as smtp.example.com</source>
        <translation>Geben Sie den Mailserver ein, etwa smtp.example.com</translation>
    </message>
    <message>
        <source>Enter the user name the password is for</source>
        <translation>Geben Sie den Benutzernamen zum Passwort ein</translation>
    </message>
    <message>
        <source>{port} (the usual one)</source>
        <translation>{port} (der übliche)</translation>
    </message>
    <message>
        <source>Saved, but the password could not be kept: {reason}</source>
        <translation>Gespeichert, aber das Passwort konnte nicht aufbewahrt werden: {reason}</translation>
    </message>
    <message>
        <source>Saved</source>
        <translation>Gespeichert</translation>
    </message>
    <message>
        <source>Sending…</source>
        <translation>Wird gesendet…</translation>
    </message>
    <message>
        <source>Sent: the server answered {answer}</source>
        <translation>Gesendet: Der Server antwortete {answer}</translation>
    </message>
    <message>
        <source>Not sent: {reason}</source>
        <translation>Nicht gesendet: {reason}</translation>
    </message>
    <message>
        <source>Tier changed</source>
        <translation>Stufe geändert</translation>
    </message>
    <message>
        <source>Points expiring</source>
        <translation>Punkte verfallen</translation>
    </message>
    <message>
        <source>Redemption update</source>
        <translation>Neues zur Einlösung</translation>
    </message>
    <message>
        <source>We miss you (reactivation)</source>
        <translation>Wir vermissen Sie (Reaktivierung)</translation>
    </message>
    <message>
        <source>Plain text</source>
        <translation>Reiner Text</translation>
    </message>
    <message>
        <source>HTML (optional)</source>
        <translation>HTML (optional)</translation>
    </message>
    <message>
        <source>Optional: the same message in HTML, for mail programs that show it</source>
        <translation>Optional: dieselbe Nachricht als HTML, für Mailprogramme, die es anzeigen</translation>
    </message>
    <message>
        <source>Variables</source>
        <translation>Variablen</translation>
    </message>
    <message>
        <source>&amp;Kind</source>
        <translation>&amp;Art</translation>
    </message>
    <message>
        <source>&amp;Subject</source>
        <translation>&amp;Betreff</translation>
    </message>
    <message>
        <source>Plain &amp;text</source>
        <translation>Reiner &amp;Text</translation>
    </message>
    <message>
        <source>&amp;HTML</source>
        <translation>&amp;HTML</translation>
    </message>
    <message>
        <source>&amp;Save template</source>
        <translation>Vorlage &amp;speichern</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>Text</translation>
    </message>
    <message>
        <source>HTML</source>
        <translation>HTML</translation>
    </message>
    <message>
        <source>your own</source>
        <translation>Ihre eigene</translation>
    </message>
    <message>
        <source>the default</source>
        <translation>die Standardvorlage</translation>
    </message>
    <message>
        <source>Templates</source>
        <translation>Vorlagen</translation>
    </message>
    <message>
        <source>Leave the changes to the “{kind}” template unsaved?</source>
        <translation>Die Änderungen an der Vorlage „{kind}“ verwerfen?</translation>
    </message>
    <message>
        <source>Correct the template first: see the line marked in red</source>
        <translation>Korrigieren Sie zuerst die Vorlage: siehe die rot markierte Zeile</translation>
    </message>
    <message>
        <source>Choose a member to see the preview</source>
        <translation>Wählen Sie ein Mitglied, um die Vorschau zu sehen</translation>
    </message>
    <message>
        <source>{subject}  (to {recipient})</source>
        <translation>{subject}  (an {recipient})</translation>
    </message>
    <message>
        <source>No HTML: mail programs show the plain text.</source>
        <translation>Kein HTML: Mailprogramme zeigen den reinen Text.</translation>
    </message>
    <message>
        <source>Preview of the last version without mistakes</source>
        <translation>Vorschau der letzten fehlerfreien Fassung</translation>
    </message>
    <message>
        <source>saved: your own</source>
        <translation>gespeichert: Ihre eigene</translation>
    </message>
    <message>
        <source>Welcome, on enrolling</source>
        <translation>Willkommen, bei der Anmeldung</translation>
    </message>
    <message>
        <source>Tier changes, up or down</source>
        <translation>Stufenwechsel, nach oben oder unten</translation>
    </message>
    <message>
        <source>Points expiring soon</source>
        <translation>Punkte verfallen bald</translation>
    </message>
    <message>
        <source>Birthday bonus (needs marketing consent)</source>
        <translation>Geburtstagsbonus (braucht eine Werbeeinwilligung)</translation>
    </message>
    <message>
        <source>Reward updates: approved, shipped, ready, cancelled</source>
        <translation>Neues zu Prämien: genehmigt, versandt, abholbereit, storniert</translation>
    </message>
    <message>
        <source>We miss you, after a quiet spell (needs marketing consent)</source>
        <translation>Wir vermissen Sie, nach einer ruhigen Zeit (braucht eine Werbeeinwilligung)</translation>
    </message>
    <message>
        <source>Emails you write to a segment (needs marketing consent)</source>
        <translation>E-Mails, die Sie an ein Segment schreiben (mit Werbeeinwilligung)</translation>
    </message>
    <message>
        <source>Emails to members</source>
        <translation>E-Mails an Mitglieder</translation>
    </message>
    <message>
        <source>Sent through Settings ▸ Messages; untick to never send this kind for the program</source>
        <translation>Versand über Einstellungen ▸ Nachrichten; Haken entfernen, um diese Art für das Programm nie zu senden</translation>
    </message>
    <message>
        <source> days before</source>
        <translation> Tage vorher</translation>
    </message>
    <message>
        <source>Expiry reminder days</source>
        <translation>Tage für die Verfallserinnerung</translation>
    </message>
    <message>
        <source>The reminder goes this many days before a member&apos;s points expire</source>
        <translation>Die Erinnerung geht so viele Tage vor dem Verfall der Punkte eines Mitglieds hinaus</translation>
    </message>
    <message>
        <source>Expiry reminder:</source>
        <translation>Verfallserinnerung:</translation>
    </message>
    <message>
        <source> days quiet</source>
        <translation> Tage ohne Aktivität</translation>
    </message>
    <message>
        <source>Reactivation after days</source>
        <translation>Reaktivierung nach Tagen</translation>
    </message>
    <message>
        <source>A member without activity this long hears from the shop once</source>
        <translation>Ein Mitglied, das so lange nicht aktiv war, bekommt einmal Post vom Geschäft</translation>
    </message>
    <message>
        <source>We miss you after:</source>
        <translation>„Wir vermissen Sie“ nach:</translation>
    </message>
    <message>
        <source>Members earn points for every {unit} they spend.</source>
        <translation>Mitglieder erhalten Punkte je {unit} Umsatz.</translation>
    </message>
    <message>
        <source>Points per {unit}, multiplied by the member&apos;s tier.</source>
        <translation>Punkte pro {unit}, multipliziert mit der Stufe des Mitglieds.</translation>
    </message>
    <message>
        <source>Points per {unit} multiplied by the tier; tiers are reached by money spent.</source>
        <translation>Punkte pro {unit}, mit der Stufe multipliziert; Stufen werden durch Umsatz erreicht.</translation>
    </message>
    <message>
        <source>Members get a percent of each purchase back, as points worth {cent} each.</source>
        <translation>Mitglieder erhalten einen Prozentsatz jedes Einkaufs zurück, als Punkte im Wert von je {cent}.</translation>
    </message>
    <message>
        <source>A stamp card: each purchase earns one stamp, whatever the amount; rewards cost stamps.</source>
        <translation>Eine Stempelkarte: Jeder Einkauf bringt einen Stempel, gleich welcher Betrag; Prämien kosten Stempel.</translation>
    </message>
    <message>
        <source>Save program</source>
        <translation>Programm speichern</translation>
    </message>
    <message>
        <source>Save the program (Ctrl+S)</source>
        <translation>Das Programm speichern (Strg+S)</translation>
    </message>
    <message>
        <source>Re&amp;vert</source>
        <translation>Zurüc&amp;ksetzen</translation>
    </message>
    <message>
        <source>Throw away the changes and show the stored program again</source>
        <translation>Die Änderungen verwerfen und das gespeicherte Programm wieder zeigen</translation>
    </message>
    <message>
        <source>e.g. Coffee Club</source>
        <translation>z. B. Kaffeeclub</translation>
    </message>
    <message>
        <source>Program name</source>
        <translation>Name des Programms</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Name:</translation>
    </message>
    <message>
        <source>What members get, in a sentence or two</source>
        <translation>Was Mitglieder bekommen, in ein, zwei Sätzen</translation>
    </message>
    <message>
        <source>&amp;Description:</source>
        <translation>&amp;Beschreibung:</translation>
    </message>
    <message>
        <source>Program type</source>
        <translation>Art des Programms</translation>
    </message>
    <message>
        <source>&amp;Type:</source>
        <translation>&amp;Art:</translation>
    </message>
    <message>
        <source>Currency</source>
        <translation>Währung</translation>
    </message>
    <message>
        <source>The three-letter currency code, such as USD, EUR or GBP</source>
        <translation>Der dreibuchstabige Währungscode, etwa USD, EUR oder GBP</translation>
    </message>
    <message>
        <source>C&amp;urrency:</source>
        <translation>Wäh&amp;rung:</translation>
    </message>
    <message>
        <source>Inactive programs neither earn nor redeem points</source>
        <translation>In inaktiven Programmen werden weder Punkte gesammelt noch eingelöst</translation>
    </message>
    <message>
        <source>&amp;Status:</source>
        <translation>&amp;Status:</translation>
    </message>
    <message>
        <source>Earning</source>
        <translation>Punkte sammeln</translation>
    </message>
    <message>
        <source>Points per unit of money</source>
        <translation>Punkte pro Geldeinheit</translation>
    </message>
    <message>
        <source>Points for each unit of money spent, rounded down (for example 1 or 1.5)</source>
        <translation>Punkte je ausgegebener Geldeinheit, abgerundet (zum Beispiel 1 oder 1,5)</translation>
    </message>
    <message>
        <source>&amp;Points per unit:</source>
        <translation>&amp;Punkte pro Einheit:</translation>
    </message>
    <message>
        <source>e.g. 5</source>
        <translation>z. B. 5</translation>
    </message>
    <message>
        <source>Cash back percent</source>
        <translation>Cashback in Prozent</translation>
    </message>
    <message>
        <source>The percent of each purchase credited back, two decimals at most</source>
        <translation>Der Prozentsatz jedes Einkaufs, der gutgeschrieben wird, höchstens zwei Nachkommastellen</translation>
    </message>
    <message>
        <source>Cash &amp;back:</source>
        <translation>&amp;Cashback:</translation>
    </message>
    <message>
        <source>Members over time</source>
        <translation>Mitglieder im Lauf der Zeit</translation>
    </message>
    <message>
        <source>Never</source>
        <translation>Nie</translation>
    </message>
    <message>
        <source>Inactive after days without activity</source>
        <translation>Inaktiv nach Tagen ohne Aktivität</translation>
    </message>
    <message>
        <source>A member without activity this long becomes inactive; their next purchase or redemption makes them active again</source>
        <translation>Ein Mitglied ohne Aktivität in dieser Zeit wird inaktiv; sein nächster Einkauf oder seine nächste Einlösung macht es wieder aktiv</translation>
    </message>
    <message>
        <source>Inactive after:</source>
        <translation>Inaktiv nach:</translation>
    </message>
    <message>
        <source>Expired after days without activity</source>
        <translation>Abgelaufen nach Tagen ohne Aktivität</translation>
    </message>
    <message>
        <source>An inactive member still without activity this long becomes expired: only a person can reactivate them</source>
        <translation>Ein inaktives Mitglied, das so lange weiter keine Aktivität zeigt, läuft ab: nur eine Person kann es wieder aktivieren</translation>
    </message>
    <message>
        <source>Expired after:</source>
        <translation>Abgelaufen nach:</translation>
    </message>
    <message>
        <source>Also when an inactive member&apos;s last points expire</source>
        <translation>Auch wenn die letzten Punkte eines inaktiven Mitglieds verfallen</translation>
    </message>
    <message>
        <source>Visit milestones</source>
        <translation>Besuchs-Meilensteine</translation>
    </message>
    <message>
        <source>e.g. 1000  5000</source>
        <translation>z. B. 1000  5000</translation>
    </message>
    <message>
        <source>Lifetime points milestones</source>
        <translation>Meilensteine der Gesamtpunkte</translation>
    </message>
    <message>
        <source>Whole numbers, separated by spaces; the counter celebrates each once per member</source>
        <translation>Ganze Zahlen, durch Leerzeichen getrennt; die Kasse feiert jeden einmal pro Mitglied</translation>
    </message>
    <message>
        <source>Celebrate visits:</source>
        <translation>Besuche feiern:</translation>
    </message>
    <message>
        <source>Celebrate lifetime points:</source>
        <translation>Gesamtpunkte feiern:</translation>
    </message>
    <message>
        <source> points</source>
        <translation> Punkte</translation>
    </message>
    <message>
        <source>None</source>
        <translation>Keiner</translation>
    </message>
    <message>
        <source>Referred friend&apos;s bonus</source>
        <translation>Bonus für geworbene Freunde</translation>
    </message>
    <message>
        <source>A member who joined with a referral code gets this on their first purchase, once</source>
        <translation>Ein Mitglied, das mit einem Empfehlungscode beigetreten ist, erhält dies einmal bei seinem ersten Einkauf</translation>
    </message>
    <message>
        <source>Referred friend&apos;s bonus:</source>
        <translation>Bonus für geworbene Freunde:</translation>
    </message>
    <message>
        <source>Write whole numbers above zero, separated by spaces (at most {n})</source>
        <translation>Ganze Zahlen über null, durch Leerzeichen getrennt (höchstens {n})</translation>
    </message>
    <message>
        <source>A member who has not come in for {days} days becomes inactive until their next visit.</source>
        <translation>Ein Mitglied, das {days} Tage nicht gekommen ist, wird bis zu seinem nächsten Besuch inaktiv.</translation>
    </message>
    <message>
        <source>After {days} days, they expire.</source>
        <translation>Nach {days} Tagen läuft die Mitgliedschaft ab.</translation>
    </message>
    <message>
        <source>The counter celebrates visit {marks}.</source>
        <translation>Die Kasse feiert Besuch {marks}.</translation>
    </message>
    <message>
        <source>Members stay active however long they are away.</source>
        <translation>Mitglieder bleiben aktiv, egal wie lange sie fernbleiben.</translation>
    </message>
    <message>
        <source>Welcome bonus points</source>
        <translation>Punkte für den Willkommensbonus</translation>
    </message>
    <message>
        <source>Points credited once, when a member enrolls</source>
        <translation>Punkte, die einmalig bei der Anmeldung gutgeschrieben werden</translation>
    </message>
    <message>
        <source>&amp;Welcome bonus:</source>
        <translation>&amp;Willkommensbonus:</translation>
    </message>
    <message>
        <source>Inactive for</source>
        <translation>Inaktiv seit</translation>
    </message>
    <message>
        <source>Birthday this month</source>
        <translation>Geburtstag in diesem Monat</translation>
    </message>
    <message>
        <source>Near their next tier</source>
        <translation>Kurz vor der nächsten Stufe</translation>
    </message>
    <message>
        <source>Points expiring within</source>
        <translation>Punkte verfallen innerhalb von</translation>
    </message>
    <message>
        <source>Top spenders</source>
        <translation>Umsatzstärkste Mitglieder</translation>
    </message>
    <message>
        <source>Enrolled between</source>
        <translation>Angemeldet zwischen</translation>
    </message>
    <message>
        <source> days or more</source>
        <translation> Tagen oder mehr</translation>
    </message>
    <message>
        <source> points or fewer away</source>
        <translation> Punkte oder weniger entfernt</translation>
    </message>
    <message>
        <source> days</source>
        <translation> Tage</translation>
    </message>
    <message>
        <source> members</source>
        <translation> Mitglieder</translation>
    </message>
    <message>
        <source>Save segment</source>
        <translation>Segment speichern</translation>
    </message>
    <message>
        <source>Name of the segment:</source>
        <translation>Name des Segments:</translation>
    </message>
    <message>
        <source>Segment</source>
        <translation>Segment</translation>
    </message>
    <message>
        <source>Segment number</source>
        <translation>Zahl des Segments</translation>
    </message>
    <message>
        <source>First day</source>
        <translation>Erster Tag</translation>
    </message>
    <message>
        <source>Last day</source>
        <translation>Letzter Tag</translation>
    </message>
    <message>
        <source>and</source>
        <translation>und</translation>
    </message>
    <message>
        <source>Save…</source>
        <translation>Speichern…</translation>
    </message>
    <message>
        <source>Save this segment under a name</source>
        <translation>Dieses Segment unter einem Namen speichern</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Löschen</translation>
    </message>
    <message>
        <source>Delete this saved segment</source>
        <translation>Dieses gespeicherte Segment löschen</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>Exportieren…</translation>
    </message>
    <message>
        <source>Save the segment&apos;s members as a CSV file</source>
        <translation>Die Mitglieder des Segments als CSV-Datei speichern</translation>
    </message>
    <message>
        <source>Email…</source>
        <translation>E-Mail…</translation>
    </message>
    <message>
        <source>Write one email to the segment&apos;s members who agreed to it</source>
        <translation>Eine E-Mail an die Mitglieder des Segments schreiben, die zugestimmt haben</translation>
    </message>
    <message>
        <source>Segment:</source>
        <translation>Segment:</translation>
    </message>
    <message>
        <source>All members</source>
        <translation>Alle Mitglieder</translation>
    </message>
    <message>
        <source>Saved: {name}</source>
        <translation>Gespeichert: {name}</translation>
    </message>
    <message>
        <source>Delete segment</source>
        <translation>Segment löschen</translation>
    </message>
    <message>
        <source>Delete the saved segment {name}? Its members are not touched.</source>
        <translation>Das gespeicherte Segment {name} löschen? Seine Mitglieder bleiben unberührt.</translation>
    </message>
    <message>
        <source>Least amount for a stamp</source>
        <translation>Mindestbetrag für einen Stempel</translation>
    </message>
    <message>
        <source>A purchase earns one stamp when it comes to at least this amount; left empty, every purchase does</source>
        <translation>Ein Einkauf bringt einen Stempel, wenn er mindestens diesen Betrag erreicht; leer gelassen bringt ihn jeder Einkauf</translation>
    </message>
    <message>
        <source>Stamp from:</source>
        <translation>Stempel ab:</translation>
    </message>
    <message>
        <source>No hold</source>
        <translation>Nicht zurückhalten</translation>
    </message>
    <message>
        <source>Pending days</source>
        <translation>Tage zurückhalten</translation>
    </message>
    <message>
        <source>Hold purchase points for this many days (a return window) before members can spend them</source>
        <translation>Punkte aus Einkäufen so viele Tage zurückhalten (eine Rückgabefrist), bevor Mitglieder sie einlösen können</translation>
    </message>
    <message>
        <source>&amp;Hold points for:</source>
        <translation>Punkte &amp;zurückhalten für:</translation>
    </message>
    <message>
        <source>Value of one point</source>
        <translation>Wert eines Punkts</translation>
    </message>
    <message>
        <source>What one point is worth in money, for the liability figures</source>
        <translation>Was ein Punkt in Geld wert ist, für die Zahlen zu offenen Verbindlichkeiten</translation>
    </message>
    <message>
        <source>Point &amp;value:</source>
        <translation>Wert je P&amp;unkt:</translation>
    </message>
    <message>
        <source>Redeeming and expiry</source>
        <translation>Einlösen und Verfall</translation>
    </message>
    <message>
        <source>No minimum</source>
        <translation>Kein Minimum</translation>
    </message>
    <message>
        <source>Minimum points to redeem</source>
        <translation>Mindestpunkte zum Einlösen</translation>
    </message>
    <message>
        <source>A member needs at least this balance to redeem any reward</source>
        <translation>So viele Punkte braucht ein Mitglied mindestens, um eine Prämie einzulösen</translation>
    </message>
    <message>
        <source>&amp;Minimum to redeem:</source>
        <translation>&amp;Mindestpunkte zum Einlösen:</translation>
    </message>
    <message>
        <source>Never expire</source>
        <translation>Verfallen nie</translation>
    </message>
    <message>
        <source>Points expire after</source>
        <translation>Punkte verfallen nach</translation>
    </message>
    <message>
        <source>Untick to make points expire a number of days after they are earned</source>
        <translation>Haken entfernen, damit Punkte eine Anzahl Tage nach dem Sammeln verfallen</translation>
    </message>
    <message>
        <source>Points expire this many days after they are earned</source>
        <translation>Punkte verfallen so viele Tage, nachdem sie gesammelt wurden</translation>
    </message>
    <message>
        <source>Points e&amp;xpire:</source>
        <translation>Punkte &amp;verfallen:</translation>
    </message>
    <message>
        <source>Not as money</source>
        <translation>Nicht als Geld</translation>
    </message>
    <message>
        <source>Points per unit of money off</source>
        <translation>Punkte je Geldeinheit Rabatt</translation>
    </message>
    <message>
        <source>How many points make one unit of money off at the till (for example 100)</source>
        <translation>Wie viele Punkte an der Kasse eine Geldeinheit Rabatt ergeben (zum Beispiel 100)</translation>
    </message>
    <message>
        <source>Mone&amp;y off: 1 unit =</source>
        <translation>Rabatt: 1 &amp;Einheit =</translation>
    </message>
    <message>
        <source>Any number</source>
        <translation>Beliebig</translation>
    </message>
    <message>
        <source>Points are used in steps of</source>
        <translation>Punkte werden eingelöst in Schritten von</translation>
    </message>
    <message>
        <source>Points are used in multiples of this (for example 100)</source>
        <translation>Punkte werden in Vielfachen davon eingelöst (zum Beispiel 100)</translation>
    </message>
    <message>
        <source>In steps &amp;of:</source>
        <translation>In Sc&amp;hritten von:</translation>
    </message>
    <message>
        <source>Most of a basket points may pay</source>
        <translation>Höchstanteil des Einkaufs, den Punkte zahlen dürfen</translation>
    </message>
    <message>
        <source>At most this share of the basket can be paid with points</source>
        <translation>Höchstens dieser Anteil des Einkaufs kann mit Punkten bezahlt werden</translation>
    </message>
    <message>
        <source>At most of a bas&amp;ket:</source>
        <translation>Höchstens v&amp;om Einkauf:</translation>
    </message>
    <message>
        <source>A return &amp;gives the points back</source>
        <translation>Eine Rückgabe g&amp;ibt die Punkte zurück</translation>
    </message>
    <message>
        <source>Returning the order gives back the points used on it, in proportion</source>
        <translation>Die Rückgabe der Bestellung gibt die dafür eingelösten Punkte anteilig zurück</translation>
    </message>
    <message>
        <source>Tiers, referrals and birthdays</source>
        <translation>Stufen, Empfehlungen und Geburtstage</translation>
    </message>
    <message>
        <source>Members move through &amp;tiers</source>
        <translation>Mitglieder durchlaufen S&amp;tufen</translation>
    </message>
    <message>
        <source>Place members in the tier their qualifying points call for</source>
        <translation>Mitglieder in die Stufe einordnen, die ihren anrechenbaren Punkten entspricht</translation>
    </message>
    <message>
        <source>Tier qualification days</source>
        <translation>Tage für die Stufenqualifizierung</translation>
    </message>
    <message>
        <source>Tiers follow all the points a member ever earned. Untick to count only the points of a rolling window</source>
        <translation>Die Stufen richten sich nach allen Punkten, die ein Mitglied je gesammelt hat. Haken entfernen, um nur die Punkte eines gleitenden Zeitraums zu zählen</translation>
    </message>
    <message>
        <source>Tiers follow the points earned in this many most recent days</source>
        <translation>Die Stufen richten sich nach den Punkten der letzten so vielen Tage</translation>
    </message>
    <message>
        <source>&amp;Qualify on:</source>
        <translation>&amp;Qualifizierung nach:</translation>
    </message>
    <message>
        <source>Members can &amp;refer friends</source>
        <translation>Mitglieder können &amp;Freunde werben</translation>
    </message>
    <message>
        <source>A member whose code a new member enrolls with earns the referral points</source>
        <translation>Ein Mitglied, mit dessen Code sich ein neues Mitglied anmeldet, erhält die Empfehlungspunkte</translation>
    </message>
    <message>
        <source>Referral points</source>
        <translation>Empfehlungspunkte</translation>
    </message>
    <message>
        <source>Points the referring member earns, once per new member</source>
        <translation>Punkte, die das werbende Mitglied erhält, einmal pro neuem Mitglied</translation>
    </message>
    <message>
        <source>Re&amp;ferral points:</source>
        <translation>Empfeh&amp;lungspunkte:</translation>
    </message>
    <message>
        <source>Birthday bonus points</source>
        <translation>Punkte für den Geburtstagsbonus</translation>
    </message>
    <message>
        <source>Points credited on a member&apos;s birthday, times their tier&apos;s birthday multiplier</source>
        <translation>Punkte, die einem Mitglied am Geburtstag gutgeschrieben werden, mal dem Geburtstagsmultiplikator seiner Stufe</translation>
    </message>
    <message>
        <source>Birth&amp;day bonus:</source>
        <translation>&amp;Geburtstagsbonus:</translation>
    </message>
    <message>
        <source>Ca&amp;lendar year, reset on</source>
        <translation>Kalender&amp;jahr, zurückgesetzt am</translation>
    </message>
    <message>
        <source>Tier p&amp;eriod:</source>
        <translation>Stufen&amp;zeitraum:</translation>
    </message>
    <message>
        <source>Keep a tier through the following year (gra&amp;ce)</source>
        <translation>Stufe bis Ende des Folgejahres behalten (&amp;Schonfrist)</translation>
    </message>
    <message>
        <source>Tiers follow what members earn from one reset date to the next; on the reset date the daily job moves them to what the new year gives</source>
        <translation>Stufen folgen dem, was Mitglieder von einem Stichtag zum nächsten sammeln; am Stichtag setzt der Tagesjob sie auf das, was das neue Jahr ergibt</translation>
    </message>
    <message>
        <source>Reset month</source>
        <translation>Monat des Stichtags</translation>
    </message>
    <message>
        <source>Reset day</source>
        <translation>Tag des Stichtags</translation>
    </message>
    <message>
        <source>A tier reached in one tier year is kept until the end of the next</source>
        <translation>Eine in einem Stufenjahr erreichte Stufe bleibt bis zum Ende des nächsten erhalten</translation>
    </message>
    <message>
        <source> months</source>
        <translation> Monate</translation>
    </message>
    <message>
        <source>Demote after months without activity</source>
        <translation>Herabstufen nach Monaten ohne Aktivität</translation>
    </message>
    <message>
        <source>A member with no visit for this many months drops to the tier of a new member, until their next visit</source>
        <translation>Ein Mitglied ohne Besuch seit so vielen Monaten fällt bis zum nächsten Besuch auf die Stufe eines neuen Mitglieds</translation>
    </message>
    <message>
        <source>Demote when &amp;idle:</source>
        <translation>Herabstufen bei &amp;Inaktivität:</translation>
    </message>
    <message>
        <source>Tiers reset on {date}; a tier reached in {year} is kept through {kept}.</source>
        <translation>Stufen werden am {date} zurückgesetzt; eine {year} erreichte Stufe gilt bis Ende {kept}.</translation>
    </message>
    <message>
        <source>Tiers reset on {date}; a tier reached by {end} is kept through {kept}.</source>
        <translation>Stufen werden am {date} zurückgesetzt; eine bis {end} erreichte Stufe gilt bis {kept}.</translation>
    </message>
    <message>
        <source>A member with no visit for {n} month drops to a new member&apos;s tier.</source>
        <translation>Ein Mitglied ohne Besuch seit {n} Monat fällt auf die Stufe eines neuen Mitglieds.</translation>
    </message>
    <message>
        <source>A member with no visit for {n} months drops to a new member&apos;s tier.</source>
        <translation>Ein Mitglied ohne Besuch seit {n} Monaten fällt auf die Stufe eines neuen Mitglieds.</translation>
    </message>
    <message>
        <source>not used by cash back</source>
        <translation>bei Cashback nicht verwendet</translation>
    </message>
    <message>
        <source>not used by stamp cards</source>
        <translation>bei Stempelkarten nicht verwendet</translation>
    </message>
    <message>
        <source>Cash back: {points} points = {money} off</source>
        <translation>Cashback: {points} Punkte = {money} Rabatt</translation>
    </message>
    <message>
        <source>Points are not taken as money off</source>
        <translation>Punkte werden nicht als Rabatt eingelöst</translation>
    </message>
    <message>
        <source>&amp;Points per {unit}:</source>
        <translation>&amp;Punkte pro {unit}:</translation>
    </message>
    <message>
        <source>Points per {unit}</source>
        <translation>Punkte pro {unit}</translation>
    </message>
    <message>
        <source>100 points = {money}</source>
        <translation>100 Punkte = {money}</translation>
    </message>
    <message>
        <source>{spent} earns {back}</source>
        <translation>{spent} bringt {back}</translation>
    </message>
    <message>
        <source>{spent} earns {points} points</source>
        <translation>{spent} bringt {points} Punkte</translation>
    </message>
    <message>
        <source>A purchase of {amount} or more earns 1 stamp</source>
        <translation>Ein Einkauf ab {amount} bringt 1 Stempel</translation>
    </message>
    <message>
        <source>Every purchase earns 1 stamp</source>
        <translation>Jeder Einkauf bringt 1 Stempel</translation>
    </message>
    <message>
        <source>{n} stamp: {reward}</source>
        <translation>{n} Stempel: {reward}</translation>
    </message>
    <message>
        <source>{n} stamps: {reward}</source>
        <translation>{n} Stempel: {reward}</translation>
    </message>
    <message>
        <source>a full card is {n} stamps (a reward of that cost, in Rewards)</source>
        <translation>eine volle Karte hat {n} Stempel (eine Prämie zu diesem Preis, unter Prämien)</translation>
    </message>
    <message>
        <source>Enter the program name</source>
        <translation>Geben Sie den Namen des Programms ein</translation>
    </message>
    <message>
        <source>A cash back program needs a cash back percent above zero</source>
        <translation>Ein Cashback-Programm braucht einen Cashback-Prozentsatz über null</translation>
    </message>
    <message>
        <source>No changes to save</source>
        <translation>Keine Änderungen zu speichern</translation>
    </message>
    <message>
        <source>Program created</source>
        <translation>Programm angelegt</translation>
    </message>
    <message>
        <source>Programs</source>
        <translation>Programme</translation>
    </message>
    <message>
        <source>&amp;New program</source>
        <translation>&amp;Neues Programm</translation>
    </message>
    <message>
        <source>Set up a new program (Ctrl+N)</source>
        <translation>Ein neues Programm anlegen (Strg+N)</translation>
    </message>
    <message>
        <source>&amp;Activate</source>
        <translation>&amp;Aktivieren</translation>
    </message>
    <message>
        <source>Members earn and redeem points again</source>
        <translation>Mitglieder sammeln und lösen wieder Punkte ein</translation>
    </message>
    <message>
        <source>Deac&amp;tivate</source>
        <translation>&amp;Deaktivieren</translation>
    </message>
    <message>
        <source>Stop earning and redeeming in this program; members and points are kept</source>
        <translation>Punkte sammeln und einlösen in diesem Programm beenden; Mitglieder und Punkte bleiben erhalten</translation>
    </message>
    <message>
        <source>&amp;Settings</source>
        <translation>&amp;Einstellungen</translation>
    </message>
    <message>
        <source>T&amp;iers</source>
        <translation>St&amp;ufen</translation>
    </message>
    <message>
        <source>&amp;Promotions</source>
        <translation>&amp;Aktionen</translation>
    </message>
    <message>
        <source>Every setting of the program</source>
        <translation>Alle Einstellungen des Programms</translation>
    </message>
    <message>
        <source>The tiers of the program: ranges, multipliers and benefits</source>
        <translation>Die Stufen des Programms: Bereiche, Multiplikatoren und Vorteile</translation>
    </message>
    <message>
        <source>Bonus events: double points on Tuesdays, a bonus over an amount</source>
        <translation>Bonusaktionen: doppelte Punkte dienstags, ein Bonus ab einem Betrag</translation>
    </message>
    <message>
        <source>New program</source>
        <translation>Neues Programm</translation>
    </message>
    <message>
        <source>Save the program first, then add its tiers</source>
        <translation>Speichern Sie zuerst das Programm und fügen Sie dann seine Stufen hinzu</translation>
    </message>
    <message>
        <source>A stamp card earns one stamp per visit: promotions do not apply</source>
        <translation>Eine Stempelkarte gibt einen Stempel pro Besuch: Aktionen gelten nicht</translation>
    </message>
    <message>
        <source>Unsaved changes</source>
        <translation>Nicht gespeicherte Änderungen</translation>
    </message>
    <message>
        <source>Discard the changes you have not saved?</source>
        <translation>Die nicht gespeicherten Änderungen verwerfen?</translation>
    </message>
    <message>
        <source>{low} and up</source>
        <translation>ab {low}</translation>
    </message>
    <message>
        <source>{low} to {high}</source>
        <translation>{low} bis {high}</translation>
    </message>
    <message>
        <source>Level</source>
        <translation>Rang</translation>
    </message>
    <message>
        <source>Up to</source>
        <translation>Bis</translation>
    </message>
    <message>
        <source>Points ×</source>
        <translation>Punkte ×</translation>
    </message>
    <message>
        <source>Birthday ×</source>
        <translation>Geburtstag ×</translation>
    </message>
    <message>
        <source>Benefits</source>
        <translation>Vorteile</translation>
    </message>
    <message>
        <source>and up</source>
        <translation>und mehr</translation>
    </message>
    <message>
        <source>{tier}: {range} {code} spent</source>
        <translation>{tier}: {range} {code} Umsatz</translation>
    </message>
    <message>
        <source>{tier}: {range} points</source>
        <translation>{tier}: {range} Punkte</translation>
    </message>
    <message>
        <source>Add tier</source>
        <translation>Stufe hinzufügen</translation>
    </message>
    <message>
        <source>Add a tier</source>
        <translation>Eine Stufe hinzufügen</translation>
    </message>
    <message>
        <source>Delete tier</source>
        <translation>Stufe löschen</translation>
    </message>
    <message>
        <source>Delete the selected tier (only while no member is in it)</source>
        <translation>Die ausgewählte Stufe löschen (nur solange kein Mitglied darin ist)</translation>
    </message>
    <message>
        <source>Save the tier (Ctrl+S)</source>
        <translation>Die Stufe speichern (Strg+S)</translation>
    </message>
    <message>
        <source>Throw away the changes to this tier</source>
        <translation>Die Änderungen an dieser Stufe verwerfen</translation>
    </message>
    <message>
        <source>New tier</source>
        <translation>Neue Stufe</translation>
    </message>
    <message>
        <source>+{points} points</source>
        <translation>+{points} Punkte</translation>
    </message>
    <message>
        <source>{start}–{end} h</source>
        <translation>{start}–{end} Uhr</translation>
    </message>
    <message>
        <source>every day</source>
        <translation>jeden Tag</translation>
    </message>
    <message>
        <source>Bonus</source>
        <translation>Bonus</translation>
    </message>
    <message>
        <source>When</source>
        <translation>Wann</translation>
    </message>
    <message>
        <source>Ended</source>
        <translation>Beendet</translation>
    </message>
    <message>
        <source>Upcoming</source>
        <translation>Geplant</translation>
    </message>
    <message>
        <source>Discard the changes to this promotion?</source>
        <translation>Die Änderungen an dieser Aktion verwerfen?</translation>
    </message>
    <message>
        <source>Promotions</source>
        <translation>Aktionen</translation>
    </message>
    <message>
        <source>Ne&amp;w promotion</source>
        <translation>Ne&amp;ue Aktion</translation>
    </message>
    <message>
        <source>Set up a new promotion</source>
        <translation>Eine neue Aktion anlegen</translation>
    </message>
    <message>
        <source>En&amp;d now</source>
        <translation>Jetzt been&amp;den</translation>
    </message>
    <message>
        <source>Stop the selected promotion now; purchases keep what they earned</source>
        <translation>Die gewählte Aktion jetzt beenden; Einkäufe behalten, was sie erhalten haben</translation>
    </message>
    <message>
        <source>Add promotion</source>
        <translation>Aktion hinzufügen</translation>
    </message>
    <message>
        <source>Save the promotion (Ctrl+S)</source>
        <translation>Die Aktion speichern (Strg+S)</translation>
    </message>
    <message>
        <source>Throw away the changes to this promotion</source>
        <translation>Die Änderungen an dieser Aktion verwerfen</translation>
    </message>
    <message>
        <source>New promotion</source>
        <translation>Neue Aktion</translation>
    </message>
    <message>
        <source>e.g. Double Tuesdays</source>
        <translation>z. B. Doppelte Dienstage</translation>
    </message>
    <message>
        <source>Promotion name</source>
        <translation>Name der Aktion</translation>
    </message>
    <message>
        <source>Multiply the points</source>
        <translation>Punkte vervielfachen</translation>
    </message>
    <message>
        <source>Add bonus points</source>
        <translation>Bonuspunkte hinzufügen</translation>
    </message>
    <message>
        <source>Kind of bonus</source>
        <translation>Art des Bonus</translation>
    </message>
    <message>
        <source>Multiplier</source>
        <translation>Faktor</translation>
    </message>
    <message>
        <source>The purchase&apos;s points are multiplied by this (2 is double points)</source>
        <translation>Die Punkte des Einkaufs werden damit multipliziert (2 sind doppelte Punkte)</translation>
    </message>
    <message>
        <source>Bonus points</source>
        <translation>Bonuspunkte</translation>
    </message>
    <message>
        <source>Added to the points of each purchase it applies to</source>
        <translation>Wird zu den Punkten jedes Einkaufs addiert, für den sie gilt</translation>
    </message>
    <message>
        <source>&amp;Bonus:</source>
        <translation>&amp;Bonus:</translation>
    </message>
    <message>
        <source>Minimum amount</source>
        <translation>Mindestbetrag</translation>
    </message>
    <message>
        <source>Only purchases of at least this amount (empty: any amount)</source>
        <translation>Nur Einkäufe ab diesem Betrag (leer: jeder Betrag)</translation>
    </message>
    <message>
        <source>Minim&amp;um:</source>
        <translation>Mindest&amp;betrag:</translation>
    </message>
    <message>
        <source>Tiers</source>
        <translation>Stufen</translation>
    </message>
    <message>
        <source>Only members of the ticked tiers (none ticked: every member); Space ticks</source>
        <translation>Nur Mitglieder der angehakten Stufen (keine angehakt: alle Mitglieder); die Leertaste hakt an</translation>
    </message>
    <message>
        <source>The program has no tiers: every member gets it</source>
        <translation>Das Programm hat keine Stufen: Alle Mitglieder erhalten sie</translation>
    </message>
    <message>
        <source>Tie&amp;rs:</source>
        <translation>Stu&amp;fen:</translation>
    </message>
    <message>
        <source>Stac&amp;k with the tier multiplier</source>
        <translation>Mit dem Stufen-Faktor &amp;kombinieren</translation>
    </message>
    <message>
        <source>Ticked: the tier&apos;s and the promotion&apos;s multipliers multiply. Not ticked: the larger of the two applies</source>
        <translation>Angehakt: Die Faktoren der Stufe und der Aktion werden multipliziert. Nicht angehakt: Der größere der beiden gilt</translation>
    </message>
    <message>
        <source>Last day (included)</source>
        <translation>Letzter Tag (eingeschlossen)</translation>
    </message>
    <message>
        <source>To (in&amp;cluded):</source>
        <translation>Bis (ein&amp;schließlich):</translation>
    </message>
    <message>
        <source>The weekdays it applies on (none ticked: every day)</source>
        <translation>Die Wochentage, an denen sie gilt (keiner angehakt: jeden Tag)</translation>
    </message>
    <message>
        <source>Da&amp;ys:</source>
        <translation>Ta&amp;ge:</translation>
    </message>
    <message>
        <source>&amp;Only from</source>
        <translation>&amp;Nur von</translation>
    </message>
    <message>
        <source>:00</source>
        <translation>:00</translation>
    </message>
    <message>
        <source>From hour</source>
        <translation>Ab Stunde</translation>
    </message>
    <message>
        <source>To hour</source>
        <translation>Bis Stunde</translation>
    </message>
    <message>
        <source>The shop&apos;s local hours, the last one excluded: 15 to 18 is 15:00 to 17:59</source>
        <translation>Die Ortszeit des Geschäfts, die letzte Stunde ausgenommen: 15 bis 18 ist 15:00 bis 17:59</translation>
    </message>
    <message>
        <source>&amp;Hours:</source>
        <translation>&amp;Uhrzeit:</translation>
    </message>
    <message>
        <source>Save the program first, then add its promotions.</source>
        <translation>Speichern Sie zuerst das Programm, dann seine Aktionen.</translation>
    </message>
    <message>
        <source>No promotions yet: set up the first one below.</source>
        <translation>Noch keine Aktionen: Legen Sie unten die erste an.</translation>
    </message>
    <message>
        <source>{n} promotion running now; the best one applies to each purchase.</source>
        <translation>{n} Aktion läuft gerade; für jeden Einkauf gilt die beste.</translation>
    </message>
    <message>
        <source>{n} promotions running now; the best one applies to each purchase.</source>
        <translation>{n} Aktionen laufen gerade; für jeden Einkauf gilt die beste.</translation>
    </message>
    <message>
        <source>Edit promotion — {name}</source>
        <translation>Aktion bearbeiten — {name}</translation>
    </message>
    <message>
        <source>Save promotion</source>
        <translation>Aktion speichern</translation>
    </message>
    <message>
        <source>Enter the promotion&apos;s name</source>
        <translation>Geben Sie den Namen der Aktion ein</translation>
    </message>
    <message>
        <source>{amount} on a {day} at {time} earns {points} points: no more than without the promotion</source>
        <translation>{amount} an einem {day} um {time} ergibt {points} Punkte: nicht mehr als ohne die Aktion</translation>
    </message>
    <message>
        <source>{amount} on a {day} at {time} earns {points} points ({without} without the promotion)</source>
        <translation>{amount} an einem {day} um {time} ergibt {points} Punkte ({without} ohne die Aktion)</translation>
    </message>
    <message>
        <source>for a {tier} member</source>
        <translation>für ein Mitglied der Stufe {tier}</translation>
    </message>
    <message>
        <source>End promotion</source>
        <translation>Aktion beenden</translation>
    </message>
    <message>
        <source>End {name} now? Purchases from now on earn without it.</source>
        <translation>{name} jetzt beenden? Einkäufe erhalten ab jetzt keinen Bonus mehr daraus.</translation>
    </message>
    <message>
        <source>e.g. Silver</source>
        <translation>z. B. Silber</translation>
    </message>
    <message>
        <source>Tier name</source>
        <translation>Name der Stufe</translation>
    </message>
    <message>
        <source>Na&amp;me:</source>
        <translation>Na&amp;me:</translation>
    </message>
    <message>
        <source>Tier level</source>
        <translation>Rang der Stufe</translation>
    </message>
    <message>
        <source>Higher levels are better tiers and need more points</source>
        <translation>Höhere Ränge sind bessere Stufen und brauchen mehr Punkte</translation>
    </message>
    <message>
        <source>&amp;Level:</source>
        <translation>&amp;Rang:</translation>
    </message>
    <message>
        <source>Minimum points</source>
        <translation>Mindestpunktzahl</translation>
    </message>
    <message>
        <source>The fewest qualifying points a member of this tier has (included)</source>
        <translation>Die wenigsten anrechenbaren Punkte, die ein Mitglied dieser Stufe hat (einschließlich)</translation>
    </message>
    <message>
        <source>&amp;From:</source>
        <translation>&amp;Ab:</translation>
    </message>
    <message>
        <source>Maximum points</source>
        <translation>Höchstpunktzahl</translation>
    </message>
    <message>
        <source>The most qualifying points a member of this tier has (included)</source>
        <translation>Die meisten anrechenbaren Punkte, die ein Mitglied dieser Stufe hat (einschließlich)</translation>
    </message>
    <message>
        <source>No ma&amp;ximum</source>
        <translation>Kein Ma&amp;ximum</translation>
    </message>
    <message>
        <source>The top tier: every member with at least the minimum</source>
        <translation>Die oberste Stufe: jedes Mitglied mit mindestens dem Minimum</translation>
    </message>
    <message>
        <source>&amp;Up to:</source>
        <translation>&amp;Bis:</translation>
    </message>
    <message>
        <source>Points multiplier</source>
        <translation>Punktemultiplikator</translation>
    </message>
    <message>
        <source>Tiered and hybrid programs multiply the points a member earns by this (for example 1.5)</source>
        <translation>Stufen- und Hybridprogramme multiplizieren die Punkte eines Mitglieds damit (zum Beispiel 1,5)</translation>
    </message>
    <message>
        <source>&amp;Points ×:</source>
        <translation>&amp;Punkte ×:</translation>
    </message>
    <message>
        <source>Birthday bonus multiplier</source>
        <translation>Multiplikator für den Geburtstagsbonus</translation>
    </message>
    <message>
        <source>The program&apos;s birthday bonus is multiplied by this for members of the tier</source>
        <translation>Der Geburtstagsbonus des Programms wird für Mitglieder dieser Stufe damit multipliziert</translation>
    </message>
    <message>
        <source>&amp;Birthday ×:</source>
        <translation>&amp;Geburtstag ×:</translation>
    </message>
    <message>
        <source>One benefit per line, e.g.
Free coffee refills</source>
        <translation>Ein Vorteil pro Zeile, z. B.
Kaffee kostenlos nachfüllen</translation>
    </message>
    <message>
        <source>Benefits, one per line</source>
        <translation>Vorteile, einer pro Zeile</translation>
    </message>
    <message>
        <source>B&amp;enefits:</source>
        <translation>&amp;Vorteile:</translation>
    </message>
    <message>
        <source>Save the program first, then add its tiers.</source>
        <translation>Speichern Sie zuerst das Programm und fügen Sie dann seine Stufen hinzu.</translation>
    </message>
    <message>
        <source>The tier system is off for this program: tiers are kept, but members are not placed in them.</source>
        <translation>Das Stufensystem ist für dieses Programm ausgeschaltet: Die Stufen bleiben erhalten, aber Mitglieder werden ihnen nicht zugeordnet.</translation>
    </message>
    <message>
        <source>No tiers yet: add the first one below.</source>
        <translation>Noch keine Stufen: Fügen Sie unten die erste hinzu.</translation>
    </message>
    <message>
        <source>{n} tier; ranges may not overlap.</source>
        <translation>{n} Stufe; Bereiche dürfen sich nicht überschneiden.</translation>
    </message>
    <message>
        <source>{n} tiers; ranges may not overlap.</source>
        <translation>{n} Stufen; Bereiche dürfen sich nicht überschneiden.</translation>
    </message>
    <message>
        <source>A hybrid program&apos;s tiers are reached by money spent, in whole {code}.</source>
        <translation>Die Stufen eines Hybridprogramms werden durch Umsatz erreicht, in ganzen {code}.</translation>
    </message>
    <message>
        <source>Edit tier — {name}</source>
        <translation>Stufe bearbeiten — {name}</translation>
    </message>
    <message>
        <source>Save tier</source>
        <translation>Stufe speichern</translation>
    </message>
    <message>
        <source>Enter the tier name</source>
        <translation>Geben Sie den Namen der Stufe ein</translation>
    </message>
    <message>
        <source>Minimum spend</source>
        <translation>Mindestumsatz</translation>
    </message>
    <message>
        <source>Maximum spend</source>
        <translation>Höchstumsatz</translation>
    </message>
    <message>
        <source>The least a member of this tier has spent in the qualification period (included)</source>
        <translation>Der geringste Umsatz eines Mitglieds dieser Stufe im Qualifikationszeitraum (einschließlich)</translation>
    </message>
    <message>
        <source>The most a member of this tier has spent in the qualification period (included)</source>
        <translation>Der höchste Umsatz eines Mitglieds dieser Stufe im Qualifikationszeitraum (einschließlich)</translation>
    </message>
    <message>
        <source>The maximum is below the minimum</source>
        <translation>Das Maximum liegt unter dem Minimum</translation>
    </message>
    <message>
        <source>The range overlaps {tier} ({span} points)</source>
        <translation>Der Bereich überschneidet sich mit {tier} ({span} Punkte)</translation>
    </message>
    <message>
        <source>Level {level} is already {tier}</source>
        <translation>Rang {level} ist schon an {tier} vergeben</translation>
    </message>
    <message>
        <source>Delete the tier {name}? This cannot be undone.</source>
        <translation>Die Stufe {name} löschen? Das kann nicht rückgängig gemacht werden.</translation>
    </message>
    <message>
        <source>Discard the changes to this tier?</source>
        <translation>Die Änderungen an dieser Stufe verwerfen?</translation>
    </message>
    <message>
        <source>Mark shipped</source>
        <translation>Als versandt markieren</translation>
    </message>
    <message>
        <source>Tracking number of the parcel:</source>
        <translation>Sendungsnummer des Pakets:</translation>
    </message>
    <message>
        <source>&amp;Delivery</source>
        <translation>Ü&amp;bergabe</translation>
    </message>
    <message>
        <source>&amp;Address</source>
        <translation>Adr&amp;esse</translation>
    </message>
    <message>
        <source>Tracking</source>
        <translation>Sendungsnummer</translation>
    </message>
    <message>
        <source>Member #{id}</source>
        <translation>Mitglied #{id}</translation>
    </message>
    <message>
        <source>Reward #{id}</source>
        <translation>Prämie #{id}</translation>
    </message>
    <message>
        <source>{reward} for {member}</source>
        <translation>{reward} für {member}</translation>
    </message>
    <message>
        <source> on {date}</source>
        <translation> am {date}</translation>
    </message>
    <message>
        <source>Tracking: {number}</source>
        <translation>Sendungsnummer: {number}</translation>
    </message>
    <message>
        <source>Ship to: {address}</source>
        <translation>Versand an: {address}</translation>
    </message>
    <message>
        <source>Notes: {notes}</source>
        <translation>Notizen: {notes}</translation>
    </message>
    <message>
        <source>All statuses</source>
        <translation>Alle Status</translation>
    </message>
    <message>
        <source>Show redemptions with status</source>
        <translation>Einlösungen mit Status zeigen</translation>
    </message>
    <message>
        <source>Show only the redemptions with this status</source>
        <translation>Nur die Einlösungen mit diesem Status zeigen</translation>
    </message>
    <message>
        <source>Sho&amp;w:</source>
        <translation>&amp;Zeigen:</translation>
    </message>
    <message>
        <source>Search redemptions</source>
        <translation>Einlösungen durchsuchen</translation>
    </message>
    <message>
        <source>Voucher code, or member name, phone, email or card</source>
        <translation>Gutscheincode oder Name, Telefon, E-Mail oder Karte des Mitglieds</translation>
    </message>
    <message>
        <source>Clear the search</source>
        <translation>Suche leeren</translation>
    </message>
    <message>
        <source>Refresh redemptions</source>
        <translation>Einlösungen aktualisieren</translation>
    </message>
    <message>
        <source>Refresh the queue (F5 refreshes everything)</source>
        <translation>Die Liste aktualisieren (F5 aktualisiert alles)</translation>
    </message>
    <message>
        <source>&amp;Approve</source>
        <translation>&amp;Genehmigen</translation>
    </message>
    <message>
        <source>Approve redemption</source>
        <translation>Einlösung genehmigen</translation>
    </message>
    <message>
        <source>Approve the selected pending redemption</source>
        <translation>Die ausgewählte offene Einlösung genehmigen</translation>
    </message>
    <message>
        <source>&amp;Ship…</source>
        <translation>&amp;Versenden…</translation>
    </message>
    <message>
        <source>Ship redemption</source>
        <translation>Einlösung versenden</translation>
    </message>
    <message>
        <source>Mark it shipped; asks for the tracking number</source>
        <translation>Als versandt markieren; fragt nach der Sendungsnummer</translation>
    </message>
    <message>
        <source>&amp;Deliver</source>
        <translation>Z&amp;ugestellt</translation>
    </message>
    <message>
        <source>Mark delivered</source>
        <translation>Als zugestellt markieren</translation>
    </message>
    <message>
        <source>Mark the shipped parcel delivered</source>
        <translation>Das versandte Paket als zugestellt markieren</translation>
    </message>
    <message>
        <source>Mark &amp;redeemed</source>
        <translation>Als &amp;eingelöst markieren</translation>
    </message>
    <message>
        <source>The member received the reward at the counter</source>
        <translation>Das Mitglied hat die Prämie an der Theke erhalten</translation>
    </message>
    <message>
        <source>&amp;Cancel…</source>
        <translation>&amp;Stornieren…</translation>
    </message>
    <message>
        <source>Cancel redemption</source>
        <translation>Einlösung stornieren</translation>
    </message>
    <message>
        <source>Cancel it: the points go back to the member and the reward is restocked</source>
        <translation>Stornieren: Die Punkte gehen an das Mitglied zurück und die Prämie wieder in den Bestand</translation>
    </message>
    <message>
        <source>De&amp;livery…</source>
        <translation>Ü&amp;bergabe…</translation>
    </message>
    <message>
        <source>Change the delivery</source>
        <translation>Übergabe ändern</translation>
    </message>
    <message>
        <source>How the reward reaches the member: collected, posted to an address, or online</source>
        <translation>Wie die Prämie zum Mitglied kommt: abgeholt, an eine Adresse versandt oder online</translation>
    </message>
    <message>
        <source>{n} {status} redemption</source>
        <translation>{n} Einlösung ({status})</translation>
    </message>
    <message>
        <source>{n} {status} redemptions</source>
        <translation>{n} Einlösungen ({status})</translation>
    </message>
    <message>
        <source>{n} redemption</source>
        <translation>{n} Einlösung</translation>
    </message>
    <message>
        <source>{n} redemptions</source>
        <translation>{n} Einlösungen</translation>
    </message>
    <message>
        <source> matching “{query}”</source>
        <translation> passend zu „{query}“</translation>
    </message>
    <message>
        <source> (newest {n})</source>
        <translation> (die neuesten {n})</translation>
    </message>
    <message>
        <source>error</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <source>message</source>
        <translation>Meldung</translation>
    </message>
    <message>
        <source>A {status} redemption cannot become {target}.</source>
        <translation>Eine Einlösung im Status {status} kann nicht in den Status {target} wechseln.</translation>
    </message>
    <message>
        <source>the member</source>
        <translation>das Mitglied</translation>
    </message>
    <message>
        <source>Approved: {name}.</source>
        <translation>Genehmigt: {name}.</translation>
    </message>
    <message>
        <source>Shipped: {name} (tracking {tracking}).</source>
        <translation>Versandt: {name} (Sendungsnummer {tracking}).</translation>
    </message>
    <message>
        <source>Delivered: {name}.</source>
        <translation>Zugestellt: {name}.</translation>
    </message>
    <message>
        <source>Redeemed: {name}.</source>
        <translation>Eingelöst: {name}.</translation>
    </message>
    <message>
        <source>Cancelled: {name}. {points} points went back to the member and the reward was restocked.</source>
        <translation>Storniert: {name}. {points} Punkte gingen an das Mitglied zurück und die Prämie wieder in den Bestand.</translation>
    </message>
    <message>
        <source>Delivery of {reward}: {delivery}.</source>
        <translation>Übergabe von {reward}: {delivery}.</translation>
    </message>
    <message>
        <source>Cancel {reward} for {member}?</source>
        <translation>{reward} für {member} stornieren?</translation>
    </message>
    <message>
        <source>this reward</source>
        <translation>diese Prämie</translation>
    </message>
    <message>
        <source>this member</source>
        <translation>dieses Mitglied</translation>
    </message>
    <message>
        <source>The {points} points go back to their balance and the reward is restocked. This cannot be undone.</source>
        <translation>Die {points} Punkte gehen auf das Punktekonto zurück und die Prämie wieder in den Bestand. Das kann nicht rückgängig gemacht werden.</translation>
    </message>
    <message>
        <source>New reward</source>
        <translation>Neue Prämie</translation>
    </message>
    <message>
        <source>Edit reward — {name}</source>
        <translation>Prämie bearbeiten — {name}</translation>
    </message>
    <message>
        <source>e.g. Free coffee</source>
        <translation>z. B. Gratis-Kaffee</translation>
    </message>
    <message>
        <source>What the member gets, in a sentence or two</source>
        <translation>Was das Mitglied bekommt, in ein, zwei Sätzen</translation>
    </message>
    <message>
        <source>D&amp;escription:</source>
        <translation>Besch&amp;reibung:</translation>
    </message>
    <message>
        <source>Points cost</source>
        <translation>Punktekosten</translation>
    </message>
    <message>
        <source>&amp;Cost:</source>
        <translation>&amp;Kosten:</translation>
    </message>
    <message>
        <source>Quantity available</source>
        <translation>Verfügbare Menge</translation>
    </message>
    <message>
        <source>How many units exist in total; what remains is this less the units redeemed</source>
        <translation>Wie viele Stück es insgesamt gibt; übrig ist diese Zahl abzüglich der eingelösten</translation>
    </message>
    <message>
        <source>&amp;Unlimited</source>
        <translation>&amp;Unbegrenzt</translation>
    </message>
    <message>
        <source>No stock limit</source>
        <translation>Kein Bestandslimit</translation>
    </message>
    <message>
        <source>&amp;Stock:</source>
        <translation>Be&amp;stand:</translation>
    </message>
    <message>
        <source>No limit</source>
        <translation>Kein Limit</translation>
    </message>
    <message>
        <source>Limit per member</source>
        <translation>Limit pro Mitglied</translation>
    </message>
    <message>
        <source>How many times one member may redeem this reward (cancelled ones do not count)</source>
        <translation>Wie oft ein Mitglied diese Prämie einlösen darf (stornierte zählen nicht)</translation>
    </message>
    <message>
        <source>&amp;Limit per member:</source>
        <translation>&amp;Limit pro Mitglied:</translation>
    </message>
    <message>
        <source>Tier-exclusive rewards can be redeemed by members of that tier or a higher one</source>
        <translation>Stufenexklusive Prämien können Mitglieder dieser oder einer höheren Stufe einlösen</translation>
    </message>
    <message>
        <source>{tier} and above</source>
        <translation>{tier} und höher</translation>
    </message>
    <message>
        <source>&amp;Available to:</source>
        <translation>&amp;Verfügbar für:</translation>
    </message>
    <message>
        <source>Untick to offer it from today on</source>
        <translation>Haken entfernen, um sie ab heute anzubieten</translation>
    </message>
    <message>
        <source>Untick to offer it with no end date; the end day is included</source>
        <translation>Haken entfernen, um sie ohne Enddatum anzubieten; der letzte Tag zählt mit</translation>
    </message>
    <message>
        <source>&amp;Dates:</source>
        <translation>&amp;Zeitraum:</translation>
    </message>
    <message>
        <source>Optional: the code your till uses</source>
        <translation>Optional: der Code, den Ihre Kasse verwendet</translation>
    </message>
    <message>
        <source>Reward c&amp;ode:</source>
        <translation>Prämien&amp;code:</translation>
    </message>
    <message>
        <source>Acti&amp;ve: members can redeem it</source>
        <translation>Ak&amp;tiv: Mitglieder können sie einlösen</translation>
    </message>
    <message>
        <source>Reward picture</source>
        <translation>Bild der Prämie</translation>
    </message>
    <message>
        <source>Choose &amp;picture…</source>
        <translation>&amp;Bild wählen…</translation>
    </message>
    <message>
        <source>Pick a PNG, JPEG, GIF, BMP, WebP or SVG file; a copy is kept by Loyalty Desk</source>
        <translation>Wählen Sie eine PNG-, JPEG-, GIF-, BMP-, WebP- oder SVG-Datei; Loyalty Desk bewahrt eine Kopie auf</translation>
    </message>
    <message>
        <source>Re&amp;move picture</source>
        <translation>Bild &amp;entfernen</translation>
    </message>
    <message>
        <source>Show the reward without a picture</source>
        <translation>Die Prämie ohne Bild zeigen</translation>
    </message>
    <message>
        <source>{left} left, {taken} redeemed</source>
        <translation>{left} übrig, {taken} eingelöst</translation>
    </message>
    <message>
        <source>Tier #{id}</source>
        <translation>Stufe #{id}</translation>
    </message>
    <message>
        <source>Enter the reward name</source>
        <translation>Geben Sie den Namen der Prämie ein</translation>
    </message>
    <message>
        <source>The points cost must be at least 1</source>
        <translation>Die Punktekosten müssen mindestens 1 betragen</translation>
    </message>
    <message>
        <source>A calendar-year tier period has no tier_qualification_days: it runs from one reset date to the next</source>
        <translation>Ein Stufenzeitraum nach Kalenderjahr hat keine tier_qualification_days: Er läuft von einem Stichtag bis zum nächsten</translation>
    </message>
    <message>
        <source>A cash back program&apos;s points are worth one cent each already: leave redeem_points_per_unit empty</source>
        <translation>Bei einem Cashback-Programm ist jeder Punkt schon einen Cent wert: Lassen Sie redeem_points_per_unit leer</translation>
    </message>
    <message>
        <source>A member cannot be merged into itself</source>
        <translation>Ein Mitglied kann nicht mit sich selbst zusammengeführt werden</translation>
    </message>
    <message>
        <source>A member expires after they became inactive: more than {clean} days</source>
        <translation>Ein Mitglied verfällt erst, nachdem es inaktiv wurde: mehr als {clean} Tage</translation>
    </message>
    <message>
        <source>A minimum amount per stamp is a rule of stamp card programs only</source>
        <translation>Ein Mindestbetrag pro Stempel gilt nur für Stempelkarten</translation>
    </message>
    <message>
        <source>A program has at most 10 tiers</source>
        <translation>Ein Treueprogramm hat höchstens 10 Stufen</translation>
    </message>
    <message>
        <source>A rolling tier period needs tier_qualification_days (its number of days)</source>
        <translation>Ein gleitender Stufenzeitraum braucht tier_qualification_days (seine Anzahl Tage)</translation>
    </message>
    <message>
        <source>A segment named {label} exists already</source>
        <translation>Ein Segment namens {label} gibt es bereits</translation>
    </message>
    <message>
        <source>A shipping address goes with the delivery method ship</source>
        <translation>Eine Versandadresse gibt es nur bei der Lieferart Versand</translation>
    </message>
    <message>
        <source>A shop keeps at most {max_saved} segments: delete one first</source>
        <translation>Ein Laden speichert höchstens {max_saved} Segmente: Löschen Sie zuerst eines</translation>
    </message>
    <message>
        <source>A shop with this name already exists: choose another name</source>
        <translation>Einen Laden mit diesem Namen gibt es bereits: Wählen Sie einen anderen Namen</translation>
    </message>
    <message>
        <source>A stamp card&apos;s stamps are spent on rewards, not as money off: leave redeem_points_per_unit empty</source>
        <translation>Die Stempel einer Stempelkarte werden für Prämien eingelöst, nicht als Rabatt: Lassen Sie redeem_points_per_unit leer</translation>
    </message>
    <message>
        <source>A {role} cannot {descriptions}</source>
        <translation>Die Rolle {role} darf nicht: {descriptions}</translation>
    </message>
    <message>
        <source>A {scope} API key cannot {descriptions}</source>
        <translation>Ein API-Schlüssel mit dem Umfang {scope} darf nicht: {descriptions}</translation>
    </message>
    <message>
        <source>A {value} redemption cannot become {value2} (it can become {allowed})</source>
        <translation>Eine Einlösung im Status {value} kann nicht in den Status {value2} wechseln (möglich: {allowed})</translation>
    </message>
    <message>
        <source>A {value} redemption&apos;s delivery can no longer change</source>
        <translation>Die Lieferung einer Einlösung im Status {value} lässt sich nicht mehr ändern</translation>
    </message>
    <message>
        <source>An API key can change only a member&apos;s marketing consent and email opt-out</source>
        <translation>Ein API-Schlüssel kann nur die Werbeeinwilligung und die E-Mail-Abmeldung eines Mitglieds ändern</translation>
    </message>
    <message>
        <source>An API key is needed: send the header Authorization: Bearer KEY</source>
        <translation>Ein API-Schlüssel ist nötig: Senden Sie den Header Authorization: Bearer KEY</translation>
    </message>
    <message>
        <source>An approval needs the approver and their PIN</source>
        <translation>Eine Freigabe braucht die genehmigende Person und ihre PIN</translation>
    </message>
    <message>
        <source>Another register has the database open: close Loyalty Desk everywhere it uses this database, then restore again. Nothing was changed.</source>
        <translation>Eine andere Kasse hat die Datenbank geöffnet: Schließen Sie Loyalty Desk überall, wo es diese Datenbank nutzt, und stellen Sie dann erneut wieder her. Nichts wurde geändert.</translation>
    </message>
    <message>
        <source>At most {most} points ({currency} {value}, {max_percent}% of the basket) on this order</source>
        <translation>Höchstens {most} Punkte ({currency} {value}, {max_percent} % des Einkaufs) auf diese Bestellung</translation>
    </message>
    <message>
        <source>Backing up a PostgreSQL database needs {name}, which is not installed: install the PostgreSQL client programs (on Debian or Ubuntu: sudo apt install postgresql-client).</source>
        <translation>Die Sicherung einer PostgreSQL-Datenbank braucht {name}, das nicht installiert ist: Installieren Sie die PostgreSQL-Clientprogramme (unter Debian oder Ubuntu: sudo apt install postgresql-client).</translation>
    </message>
    <message>
        <source>Cannot create the database file {path}: {value}</source>
        <translation>Die Datenbankdatei {path} kann nicht angelegt werden: {value}</translation>
    </message>
    <message>
        <source>Cannot open the database: {orig}</source>
        <translation>Die Datenbank kann nicht geöffnet werden: {orig}</translation>
    </message>
    <message>
        <source>Cannot sort members by {sort}</source>
        <translation>Mitglieder können nicht nach {sort} sortiert werden</translation>
    </message>
    <message>
        <source>Card number mistyped: check the last character</source>
        <translation>Kartennummer vertippt: Prüfen Sie das letzte Zeichen</translation>
    </message>
    <message>
        <source>Could not find a free card number; try again</source>
        <translation>Keine freie Kartennummer gefunden; versuchen Sie es erneut</translation>
    </message>
    <message>
        <source>Could not find a free code; try again</source>
        <translation>Kein freier Code gefunden; versuchen Sie es erneut</translation>
    </message>
    <message>
        <source>Enter the address to ship the reward to</source>
        <translation>Geben Sie die Adresse ein, an die die Prämie gehen soll</translation>
    </message>
    <message>
        <source>Enter the basket: a discount covers at most {max_percent}% of it</source>
        <translation>Geben Sie den Einkaufsbetrag ein: Ein Rabatt deckt höchstens {max_percent} % davon</translation>
    </message>
    <message>
        <source>Enter the member&apos;s name</source>
        <translation>Geben Sie den Namen des Mitglieds ein</translation>
    </message>
    <message>
        <source>Enter the tracking number to mark it shipped</source>
        <translation>Geben Sie die Sendungsnummer ein, um sie als versandt zu markieren</translation>
    </message>
    <message>
        <source>Enter the {field}</source>
        <translation>Geben Sie „{field}“ ein</translation>
    </message>
    <message>
        <source>Enter the {label}</source>
        <translation>Geben Sie „{label}“ ein</translation>
    </message>
    <message>
        <source>Enter the {label} of the message</source>
        <translation>Geben Sie „{label}“ der Nachricht ein</translation>
    </message>
    <message>
        <source>Give both a reference type and a reference id, or neither</source>
        <translation>Geben Sie Referenzart und Referenznummer beide an oder keine von beiden</translation>
    </message>
    <message>
        <source>Give either a multiplier or bonus points (exactly one of them)</source>
        <translation>Geben Sie entweder einen Faktor oder Bonuspunkte an (genau eines davon)</translation>
    </message>
    <message>
        <source>Give marketing_consent with its source</source>
        <translation>Geben Sie marketing_consent mit seiner Quelle an</translation>
    </message>
    <message>
        <source>Level {tier_level} is already {tier_name}</source>
        <translation>Rang {tier_level} ist schon {tier_name}</translation>
    </message>
    <message>
        <source>Level {tier_level} must sit above {tier_name} in points</source>
        <translation>Rang {tier_level} muss bei den Punkten über {tier_name} liegen</translation>
    </message>
    <message>
        <source>Level {tier_level} must sit below {tier_name} in points</source>
        <translation>Rang {tier_level} muss bei den Punkten unter {tier_name} liegen</translation>
    </message>
    <message>
        <source>Line {lineno} of the {label}: {message}</source>
        <translation>Zeile {lineno} von „{label}“: {message}</translation>
    </message>
    <message>
        <source>Line {line} of the {label}: unknown filter {name}; known: {filters}</source>
        <translation>Zeile {line} von „{label}“: unbekannter Filter {name}; bekannt: {filters}</translation>
    </message>
    <message>
        <source>Line {line} of the {label}: unknown variable {name}.{attr}; known: {variables}</source>
        <translation>Zeile {line} von „{label}“: unbekannte Variable {name}.{attr}; bekannt: {variables}</translation>
    </message>
    <message>
        <source>Line {line} of the {label}: unknown variable {name}; known: {variables}</source>
        <translation>Zeile {line} von „{label}“: unbekannte Variable {name}; bekannt: {variables}</translation>
    </message>
    <message>
        <source>Line {line} of the {label}: use {name}.&lt;attribute&gt;, e.g. {next}</source>
        <translation>Zeile {line} von „{label}“: Schreiben Sie {name}.&lt;Attribut&gt;, z. B. {next}</translation>
    </message>
    <message>
        <source>Line {line} of the {label}: {attr} cannot be read in a message template</source>
        <translation>Zeile {line} von „{label}“: {attr} kann in einer Nachrichtenvorlage nicht gelesen werden</translation>
    </message>
    <message>
        <source>Line {line} of the {label}: {what} is not allowed in a message template</source>
        <translation>Zeile {line} von „{label}“: {what} ist in einer Nachrichtenvorlage nicht erlaubt</translation>
    </message>
    <message>
        <source>Member #{id} has points on hold for a return window; merge them once they are released</source>
        <translation>Mitglied #{id} hat wegen einer Rückgabefrist zurückgehaltene Punkte; führen Sie es zusammen, sobald sie freigegeben sind</translation>
    </message>
    <message>
        <source>Member #{id} was already merged into member #{merged_into_id}</source>
        <translation>Mitglied #{id} wurde bereits mit Mitglied #{merged_into_id} zusammengeführt</translation>
    </message>
    <message>
        <source>Member #{id}&apos;s data was erased; it cannot be merged</source>
        <translation>Die Daten von Mitglied #{id} wurden gelöscht; es kann nicht zusammengeführt werden</translation>
    </message>
    <message>
        <source>Member #{id}&apos;s personal data was already erased</source>
        <translation>Die persönlichen Daten von Mitglied #{id} wurden bereits gelöscht</translation>
    </message>
    <message>
        <source>Members cannot refer themselves</source>
        <translation>Mitglieder können sich nicht selbst empfehlen</translation>
    </message>
    <message>
        <source>Members expire only after they lapse: set the days without activity before a member becomes inactive first</source>
        <translation>Mitglieder verfallen erst, nachdem sie inaktiv wurden: Legen Sie zuerst die Tage ohne Aktivität fest, nach denen ein Mitglied inaktiv wird</translation>
    </message>
    <message>
        <source>Name the shop with --user-id</source>
        <translation>Nennen Sie den Laden mit --user-id</translation>
    </message>
    <message>
        <source>Name your shop with --user-id to sign in</source>
        <translation>Nennen Sie Ihren Laden mit --user-id, um sich anzumelden</translation>
    </message>
    <message>
        <source>No answer from {where} within {connect_timeout_s} seconds.</source>
        <translation>Keine Antwort von {where} innerhalb von {connect_timeout_s} Sekunden.</translation>
    </message>
    <message>
        <source>No computer called “{host}” was found on the network.</source>
        <translation>Im Netzwerk wurde kein Computer namens „{host}“ gefunden.</translation>
    </message>
    <message>
        <source>No member #{member_id}</source>
        <translation>Kein Mitglied #{member_id}</translation>
    </message>
    <message>
        <source>No member has the card {format_card_number}</source>
        <translation>Kein Mitglied hat die Karte {format_card_number}</translation>
    </message>
    <message>
        <source>No member of this program has the referral code {text}</source>
        <translation>Kein Mitglied dieses Treueprogramms hat den Empfehlungscode {text}</translation>
    </message>
    <message>
        <source>No member with this card</source>
        <translation>Kein Mitglied mit dieser Karte</translation>
    </message>
    <message>
        <source>No purchase with order reference {ref}</source>
        <translation>Kein Einkauf mit der Bestellnummer {ref}</translation>
    </message>
    <message>
        <source>No segment #{segment_id}</source>
        <translation>Kein Segment #{segment_id}</translation>
    </message>
    <message>
        <source>No server at {where}: is PostgreSQL running there, on that port?</source>
        <translation>Kein Server unter {where}: Läuft PostgreSQL dort, auf diesem Port?</translation>
    </message>
    <message>
        <source>No shop account {user_id}</source>
        <translation>Kein Shop-Konto {user_id}</translation>
    </message>
    <message>
        <source>No shop with this userId for this key</source>
        <translation>Kein Laden mit dieser userId für diesen Schlüssel</translation>
    </message>
    <message>
        <source>No voucher {code} in this shop</source>
        <translation>Kein Gutschein {code} in diesem Laden</translation>
    </message>
    <message>
        <source>No {what} #{row_id}</source>
        <translation>Nicht gefunden: {what} #{row_id}</translation>
    </message>
    <message>
        <source>No {what} #{value}</source>
        <translation>Nicht gefunden: {what} #{value}</translation>
    </message>
    <message>
        <source>Nobody can approve their own action: ask another manager</source>
        <translation>Niemand kann die eigene Aktion genehmigen: Fragen Sie eine/n andere/n Manager/in</translation>
    </message>
    <message>
        <source>Not a card number or a voucher code</source>
        <translation>Keine Kartennummer und kein Gutscheincode</translation>
    </message>
    <message>
        <source>Not a database address: {url}</source>
        <translation>Keine Datenbankadresse: {url}</translation>
    </message>
    <message>
        <source>Not enough points in open lots: {left} short</source>
        <translation>Nicht genug Punkte in offenen Posten: {left} fehlen</translation>
    </message>
    <message>
        <source>Not enough points: {balance} of {points} needed</source>
        <translation>Nicht genug Punkte: {balance} von {points} nötig</translation>
    </message>
    <message>
        <source>Not enough points: {current_points} of {points_cost} needed</source>
        <translation>Nicht genug Punkte: {current_points} von {points_cost} nötig</translation>
    </message>
    <message>
        <source>Not enough points: {current_points} of {value} needed</source>
        <translation>Nicht genug Punkte: {current_points} von {value} nötig</translation>
    </message>
    <message>
        <source>Not enough points: {current_points} of {wanted} needed</source>
        <translation>Nicht genug Punkte: {current_points} von {wanted} nötig</translation>
    </message>
    <message>
        <source>Only a SQLite database is restored here. A PostgreSQL backup is restored with pg_restore: pg_restore --clean --if-exists --no-owner --dbname URL FILE</source>
        <translation>Hier wird nur eine SQLite-Datenbank wiederhergestellt. Eine PostgreSQL-Sicherung stellen Sie mit pg_restore wieder her: pg_restore --clean --if-exists --no-owner --dbname URL FILE</translation>
    </message>
    <message>
        <source>Only a failed message can be sent again; message #{id} is {status}</source>
        <translation>Nur eine fehlgeschlagene Nachricht kann erneut gesendet werden; Nachricht #{id} ist {status}</translation>
    </message>
    <message>
        <source>Only a manual adjustment can take points away</source>
        <translation>Nur eine manuelle Korrektur kann Punkte abziehen</translation>
    </message>
    <message>
        <source>Only members of the same program can be merged</source>
        <translation>Nur Mitglieder desselben Treueprogramms können zusammengeführt werden</translation>
    </message>
    <message>
        <source>Only today&apos;s sales can be voided; use Return</source>
        <translation>Nur heutige Verkäufe können storniert werden; nutzen Sie Rückgabe</translation>
    </message>
    <message>
        <source>Only {currency} {left} of order {ref} is left to return</source>
        <translation>Von Bestellung {ref} können nur noch {currency} {left} zurückgegeben werden</translation>
    </message>
    <message>
        <source>Order {reference_id} already has a return, so it cannot be voided; use Return</source>
        <translation>Zu Bestellung {reference_id} gibt es schon eine Rückgabe, sie kann daher nicht storniert werden; nutzen Sie Rückgabe</translation>
    </message>
    <message>
        <source>Order {ref} has already been fully returned</source>
        <translation>Bestellung {ref} wurde bereits vollständig zurückgegeben</translation>
    </message>
    <message>
        <source>Order {ref} is not a purchase of this member</source>
        <translation>Bestellung {ref} ist kein Einkauf dieses Mitglieds</translation>
    </message>
    <message>
        <source>Order {ref} was already recorded for a different member or amount</source>
        <translation>Bestellung {ref} wurde bereits für ein anderes Mitglied oder einen anderen Betrag verbucht</translation>
    </message>
    <message>
        <source>Points are used in steps of {step}</source>
        <translation>Punkte werden in Schritten von {step} eingelöst</translation>
    </message>
    <message>
        <source>Points were already used on order {ref} differently</source>
        <translation>Auf Bestellung {ref} wurden bereits anders Punkte eingelöst</translation>
    </message>
    <message>
        <source>Redeeming starts at {min_points} points</source>
        <translation>Einlösen ist ab {min_points} Punkten möglich</translation>
    </message>
    <message>
        <source>Reference {reference} {reference2} was already used for another change</source>
        <translation>Die Referenz {reference} {reference2} wurde bereits für eine andere Änderung verwendet</translation>
    </message>
    <message>
        <source>Return {return_key} was already recorded differently</source>
        <translation>Rückgabe {return_key} wurde bereits anders verbucht</translation>
    </message>
    <message>
        <source>Reward {reward_id} is not a reward of this program</source>
        <translation>Prämie {reward_id} gehört nicht zu diesem Treueprogramm</translation>
    </message>
    <message>
        <source>Say why the member&apos;s data is erased</source>
        <translation>Geben Sie an, warum die Daten des Mitglieds gelöscht werden</translation>
    </message>
    <message>
        <source>Scan or type a card number or a voucher code</source>
        <translation>Scannen oder tippen Sie eine Kartennummer oder einen Gutscheincode</translation>
    </message>
    <message>
        <source>Set the quantity available for a limited reward</source>
        <translation>Legen Sie die verfügbare Menge für eine begrenzte Prämie fest</translation>
    </message>
    <message>
        <source>Sign in first: this database has staff accounts</source>
        <translation>Melden Sie sich zuerst an: Diese Datenbank hat Personalkonten</translation>
    </message>
    <message>
        <source>Sign in first: this shop has staff accounts</source>
        <translation>Melden Sie sich zuerst an: Dieser Laden hat Personalkonten</translation>
    </message>
    <message>
        <source>That change conflicts with existing data ({short})</source>
        <translation>Diese Änderung widerspricht vorhandenen Daten ({short})</translation>
    </message>
    <message>
        <source>That email address is not valid: {exc}</source>
        <translation>Diese E-Mail-Adresse ist ungültig: {exc}</translation>
    </message>
    <message>
        <source>That phone number could not be read</source>
        <translation>Diese Telefonnummer ist nicht lesbar</translation>
    </message>
    <message>
        <source>That phone number is not valid</source>
        <translation>Diese Telefonnummer ist ungültig</translation>
    </message>
    <message>
        <source>That tier belongs to another program</source>
        <translation>Diese Stufe gehört zu einem anderen Treueprogramm</translation>
    </message>
    <message>
        <source>The PIN must be 4 to 8 digits</source>
        <translation>Die PIN muss 4 bis 8 Ziffern haben</translation>
    </message>
    <message>
        <source>The PostgreSQL backup could not be read back, so it was not kept.</source>
        <translation>Die PostgreSQL-Sicherung ließ sich nicht zurücklesen und wurde daher nicht behalten.</translation>
    </message>
    <message>
        <source>The birthday must be a real date in the past</source>
        <translation>Der Geburtstag muss ein echtes Datum in der Vergangenheit sein</translation>
    </message>
    <message>
        <source>The body is not valid JSON</source>
        <translation>Der Inhalt ist kein gültiges JSON</translation>
    </message>
    <message>
        <source>The body must be a JSON object</source>
        <translation>Der Inhalt muss ein JSON-Objekt sein</translation>
    </message>
    <message>
        <source>The body must be the bytes received, unchanged</source>
        <translation>Der Inhalt muss aus den empfangenen Bytes bestehen, unverändert</translation>
    </message>
    <message>
        <source>The cap must be a positive whole number</source>
        <translation>Die Grenze muss eine positive ganze Zahl sein</translation>
    </message>
    <message>
        <source>The code or search must be text</source>
        <translation>Code oder Suche müssen Text sein</translation>
    </message>
    <message>
        <source>The copy failed its integrity check ({damage}), so it was not kept.</source>
        <translation>Die Kopie hat die Integritätsprüfung nicht bestanden ({damage}) und wurde daher nicht behalten.</translation>
    </message>
    <message>
        <source>The copy&apos;s ledger check found {problems} problem(s), so it was not kept (run `loyalty-desk check-ledger`): {problems2}</source>
        <translation>Die Prüfung des Punktekontos der Kopie fand {problems} Problem(e), sie wurde daher nicht behalten (führen Sie `loyalty-desk check-ledger` aus): {problems2}</translation>
    </message>
    <message>
        <source>The currency must be an ISO 4217 code such as USD, EUR or INR</source>
        <translation>Die Währung muss ein ISO-4217-Code sein, etwa USD, EUR oder INR</translation>
    </message>
    <message>
        <source>The database file is read-only: nothing was saved.</source>
        <translation>Die Datenbankdatei ist schreibgeschützt: Nichts wurde gespeichert.</translation>
    </message>
    <message>
        <source>The database is busy: another register is saving. Try again.</source>
        <translation>Die Datenbank ist belegt: Eine andere Kasse speichert gerade. Versuchen Sie es erneut.</translation>
    </message>
    <message>
        <source>The database “{database}” does not exist on {where}: create it first (docs/multi-register.md).</source>
        <translation>Die Datenbank „{database}“ gibt es auf {where} nicht: Legen Sie sie zuerst an (docs/multi-register.md).</translation>
    </message>
    <message>
        <source>The disk is full: the backup did not fit in {folder}. Nothing was saved.</source>
        <translation>Der Datenträger ist voll: Die Sicherung passte nicht in {folder}. Nichts wurde gespeichert.</translation>
    </message>
    <message>
        <source>The disk is full: the backup was not restored, and the database is as it was.</source>
        <translation>Der Datenträger ist voll: Die Sicherung wurde nicht wiederhergestellt, und die Datenbank ist unverändert.</translation>
    </message>
    <message>
        <source>The disk is full: the database could not be updated. Nothing was changed.</source>
        <translation>Der Datenträger ist voll: Die Datenbank konnte nicht aktualisiert werden. Nichts wurde geändert.</translation>
    </message>
    <message>
        <source>The disk is full: {what} did not fit in {folder}. Nothing was saved.</source>
        <translation>Der Datenträger ist voll: {what} passte nicht in {folder}. Nichts wurde gespeichert.</translation>
    </message>
    <message>
        <source>The disk is full: {what} needs {mb} and {mb2} are free in {folder}. Nothing was written.</source>
        <translation>Der Datenträger ist voll: {what} braucht {mb}, in {folder} sind {mb2} frei. Nichts wurde geschrieben.</translation>
    </message>
    <message>
        <source>The disk is full; nothing was saved.</source>
        <translation>Der Datenträger ist voll; nichts wurde gespeichert.</translation>
    </message>
    <message>
        <source>The email must be text</source>
        <translation>Die E-Mail-Adresse muss Text sein</translation>
    </message>
    <message>
        <source>The file has a header but no members</source>
        <translation>Die Datei hat eine Kopfzeile, aber keine Mitglieder</translation>
    </message>
    <message>
        <source>The file has no column for the member&apos;s name (name, or first and last name); its columns are: {header}</source>
        <translation>Die Datei hat keine Spalte für den Namen des Mitglieds (Name, oder Vor- und Nachname); ihre Spalten sind: {header}</translation>
    </message>
    <message>
        <source>The file is empty</source>
        <translation>Die Datei ist leer</translation>
    </message>
    <message>
        <source>The file is neither UTF-8 nor Windows-1252 text: save it as CSV UTF-8</source>
        <translation>Die Datei ist weder UTF-8- noch Windows-1252-Text: Speichern Sie sie als CSV UTF-8</translation>
    </message>
    <message>
        <source>The file is not a readable CSV near line {line_num}: {exc}</source>
        <translation>Die Datei ist um Zeile {line_num} kein lesbares CSV: {exc}</translation>
    </message>
    <message>
        <source>The file is not a text CSV: it holds NUL bytes (UTF-16? Save it as CSV UTF-8)</source>
        <translation>Die Datei ist kein Text-CSV: Sie enthält NUL-Bytes (UTF-16? Speichern Sie sie als CSV UTF-8)</translation>
    </message>
    <message>
        <source>The first staff member must be active</source>
        <translation>Die erste Person im Personal muss aktiv sein</translation>
    </message>
    <message>
        <source>The first staff member must be an owner</source>
        <translation>Die erste Person im Personal muss Inhaber/in sein</translation>
    </message>
    <message>
        <source>The hours must be two hours, from and to, like [15, 18] or {{&quot;from&quot;: 15, &quot;to&quot;: 18}}</source>
        <translation>Die Uhrzeiten müssen zwei Stunden sein, von und bis, etwa [15, 18] oder {{&quot;from&quot;: 15, &quot;to&quot;: 18}}</translation>
    </message>
    <message>
        <source>The hours must end after they start (24 is midnight)</source>
        <translation>Die Uhrzeiten müssen nach ihrem Beginn enden (24 ist Mitternacht)</translation>
    </message>
    <message>
        <source>The limit must be a whole number from 1 to 200</source>
        <translation>Die Grenze muss eine ganze Zahl von 1 bis 200 sein</translation>
    </message>
    <message>
        <source>The limit must be a whole number from 1 to {maximum}</source>
        <translation>Die Grenze muss eine ganze Zahl von 1 bis {maximum} sein</translation>
    </message>
    <message>
        <source>The logo is larger than {value} KB; use a smaller image</source>
        <translation>Das Logo ist größer als {value} KB; verwenden Sie ein kleineres Bild</translation>
    </message>
    <message>
        <source>The logo must be a PNG image</source>
        <translation>Das Logo muss ein PNG-Bild sein</translation>
    </message>
    <message>
        <source>The lookup must be text</source>
        <translation>Die Suche muss Text sein</translation>
    </message>
    <message>
        <source>The mail server is a host name such as smtp.example.com</source>
        <translation>Der Mailserver ist ein Hostname wie smtp.example.com</translation>
    </message>
    <message>
        <source>The mail server security must be {smtp_security}</source>
        <translation>Die Sicherheit des Mailservers muss {smtp_security} sein</translation>
    </message>
    <message>
        <source>The mapping must be a dictionary of column -&gt; field name (or None)</source>
        <translation>Die Zuordnung muss ein Dictionary Spalte -&gt; Feldname (oder None) sein</translation>
    </message>
    <message>
        <source>The mapping names a column the file does not have: {name}</source>
        <translation>Die Zuordnung nennt eine Spalte, die die Datei nicht hat: {name}</translation>
    </message>
    <message>
        <source>The multiplier must be more than 1 (2 is double points)</source>
        <translation>Der Faktor muss größer als 1 sein (2 ist doppelte Punkte)</translation>
    </message>
    <message>
        <source>The name is longer than 200 characters</source>
        <translation>Der Name ist länger als 200 Zeichen</translation>
    </message>
    <message>
        <source>The name must be text</source>
        <translation>Der Name muss Text sein</translation>
    </message>
    <message>
        <source>The number of members must be a whole number, zero or more</source>
        <translation>Die Zahl der Mitglieder muss eine ganze Zahl sein, null oder mehr</translation>
    </message>
    <message>
        <source>The order is in {currency}, {program_name} counts {currency2}</source>
        <translation>Die Bestellung ist in {currency}, {program_name} rechnet in {currency2}</translation>
    </message>
    <message>
        <source>The order names no customer to enroll</source>
        <translation>Die Bestellung nennt keinen Kunden zum Aufnehmen</translation>
    </message>
    <message>
        <source>The outcome must be one of {outcomes}</source>
        <translation>Das Ergebnis muss eines von {outcomes} sein</translation>
    </message>
    <message>
        <source>The page cursor does not match the sort order</source>
        <translation>Der Seitenzeiger passt nicht zur Sortierung</translation>
    </message>
    <message>
        <source>The page cursor must be the next_after of a previous page</source>
        <translation>Der Seitenzeiger muss das next_after einer vorigen Seite sein</translation>
    </message>
    <message>
        <source>The page cursor&apos;s time must be timezone-aware</source>
        <translation>Die Zeit des Seitenzeigers braucht eine Zeitzone</translation>
    </message>
    <message>
        <source>The page size must be from 1 to {max_page}</source>
        <translation>Die Seitengröße muss von 1 bis {max_page} reichen</translation>
    </message>
    <message>
        <source>The paper size must be {paper_sizes}</source>
        <translation>Das Papierformat muss {paper_sizes} sein</translation>
    </message>
    <message>
        <source>The password was refused for the user “{user}” on {where}.</source>
        <translation>Das Passwort für den Benutzer „{user}“ auf {where} wurde abgelehnt.</translation>
    </message>
    <message>
        <source>The payload has no status</source>
        <translation>Die Nutzdaten haben keinen Status</translation>
    </message>
    <message>
        <source>The payload has no {key} (a whole number)</source>
        <translation>Die Nutzdaten haben kein {key} (eine ganze Zahl)</translation>
    </message>
    <message>
        <source>The period ends before it starts</source>
        <translation>Der Zeitraum endet, bevor er beginnt</translation>
    </message>
    <message>
        <source>The phone number must be text</source>
        <translation>Die Telefonnummer muss Text sein</translation>
    </message>
    <message>
        <source>The points must not be zero</source>
        <translation>Die Punkte dürfen nicht null sein</translation>
    </message>
    <message>
        <source>The promotion must end after it starts</source>
        <translation>Die Aktion muss nach ihrem Beginn enden</translation>
    </message>
    <message>
        <source>The range overlaps {tier_name} ({min_points_required} {upper} points)</source>
        <translation>Der Bereich überschneidet sich mit {tier_name} ({min_points_required} {upper} Punkte)</translation>
    </message>
    <message>
        <source>The reference type {rtype} is reserved</source>
        <translation>Die Referenzart {rtype} ist reserviert</translation>
    </message>
    <message>
        <source>The reward ends before it starts</source>
        <translation>Die Prämie endet, bevor sie beginnt</translation>
    </message>
    <message>
        <source>The search must be text</source>
        <translation>Die Suche muss Text sein</translation>
    </message>
    <message>
        <source>The segment must be a segment rule</source>
        <translation>Das Segment muss eine Segmentregel sein</translation>
    </message>
    <message>
        <source>The server at {where} asks for a password for the user “{user}”.</source>
        <translation>Der Server unter {where} verlangt ein Passwort für den Benutzer „{user}“.</translation>
    </message>
    <message>
        <source>The server at {where} does not accept this computer for the user “{user}” (pg_hba.conf).</source>
        <translation>Der Server unter {where} lässt diesen Computer für den Benutzer „{user}“ nicht zu (pg_hba.conf).</translation>
    </message>
    <message>
        <source>The server at {where} refused the connection.</source>
        <translation>Der Server unter {where} hat die Verbindung abgelehnt.</translation>
    </message>
    <message>
        <source>The shop account (user_id) must be a non-empty text of at most 64 characters</source>
        <translation>Das Shop-Konto (user_id) muss ein nicht leerer Text mit höchstens 64 Zeichen sein</translation>
    </message>
    <message>
        <source>The shop server does not answer ({where}): nothing was saved. Check the network and the server, then try again.</source>
        <translation>Der Shop-Server antwortet nicht ({where}): Nichts wurde gespeichert. Prüfen Sie Netzwerk und Server und versuchen Sie es dann erneut.</translation>
    </message>
    <message>
        <source>The shop server stopped answering while saving ({where}): the change may or may not have been saved. Look at the member&apos;s history before trying again; a sale or return with its reference is recorded once.</source>
        <translation>Der Shop-Server hat beim Speichern aufgehört zu antworten ({where}): Die Änderung wurde vielleicht gespeichert, vielleicht nicht. Sehen Sie im Verlauf des Mitglieds nach, bevor Sie es erneut versuchen; ein Verkauf oder eine Rückgabe mit Referenz wird nur einmal verbucht.</translation>
    </message>
    <message>
        <source>The source must be a file path or the file&apos;s bytes</source>
        <translation>Die Quelle muss ein Dateipfad oder der Inhalt der Datei sein</translation>
    </message>
    <message>
        <source>The status must be text</source>
        <translation>Der Status muss Text sein</translation>
    </message>
    <message>
        <source>The subject is one line</source>
        <translation>Der Betreff ist eine Zeile</translation>
    </message>
    <message>
        <source>The text contains characters that cannot be stored</source>
        <translation>Der Text enthält Zeichen, die nicht gespeichert werden können</translation>
    </message>
    <message>
        <source>The tier&apos;s maximum points are below its minimum</source>
        <translation>Die Höchstpunktzahl der Stufe liegt unter ihrer Mindestpunktzahl</translation>
    </message>
    <message>
        <source>The unsubscribe address must be an http:// or https:// address such as https://shop.example.com:8731, without ? or #</source>
        <translation>Die Abmelde-Adresse muss eine http://- oder https://-Adresse sein, etwa https://shop.example.com:8731, ohne ? oder #</translation>
    </message>
    <message>
        <source>The user “{user}” does not exist on {where}.</source>
        <translation>Den Benutzer „{user}“ gibt es auf {where} nicht.</translation>
    </message>
    <message>
        <source>The webhook&apos;s signature is missing or wrong</source>
        <translation>Die Signatur des Webhooks fehlt oder ist falsch</translation>
    </message>
    <message>
        <source>The {field} contains characters that cannot be stored</source>
        <translation>„{field}“ enthält Zeichen, die nicht gespeichert werden können</translation>
    </message>
    <message>
        <source>The {field} is longer than {max_len} characters</source>
        <translation>„{field}“ ist länger als {max_len} Zeichen</translation>
    </message>
    <message>
        <source>The {field} must be a date</source>
        <translation>„{field}“ muss ein Datum sein</translation>
    </message>
    <message>
        <source>The {field} must be a date like 1990-04-23</source>
        <translation>„{field}“ muss ein Datum wie 1990-04-23 sein</translation>
    </message>
    <message>
        <source>The {field} must be a date without a time</source>
        <translation>„{field}“ muss ein Datum ohne Uhrzeit sein</translation>
    </message>
    <message>
        <source>The {field} must be a dictionary</source>
        <translation>„{field}“ muss ein Dictionary sein</translation>
    </message>
    <message>
        <source>The {field} must be a file or folder path</source>
        <translation>„{field}“ muss ein Datei- oder Ordnerpfad sein</translation>
    </message>
    <message>
        <source>The {field} must be a list</source>
        <translation>„{field}“ muss eine Liste sein</translation>
    </message>
    <message>
        <source>The {field} must be a whole number</source>
        <translation>„{field}“ muss eine ganze Zahl sein</translation>
    </message>
    <message>
        <source>The {field} must be at least {minimum}</source>
        <translation>„{field}“ muss mindestens {minimum} sein</translation>
    </message>
    <message>
        <source>The {field} must be at most {maximum}</source>
        <translation>„{field}“ darf höchstens {maximum} sein</translation>
    </message>
    <message>
        <source>The {field} must be text</source>
        <translation>„{field}“ muss Text sein</translation>
    </message>
    <message>
        <source>The {field} must be true or false</source>
        <translation>„{field}“ muss wahr oder falsch sein</translation>
    </message>
    <message>
        <source>The {field} must hold plain JSON values</source>
        <translation>„{field}“ darf nur einfache JSON-Werte enthalten</translation>
    </message>
    <message>
        <source>The {kind} milestones must be a list of at most {max_milestones} numbers</source>
        <translation>Die Meilensteine „{kind}“ müssen eine Liste von höchstens {max_milestones} Zahlen sein</translation>
    </message>
    <message>
        <source>The {kind} milestones repeat a number</source>
        <translation>Die Meilensteine „{kind}“ wiederholen eine Zahl</translation>
    </message>
    <message>
        <source>The {label} can have at most {places} decimal</source>
        <translation>„{label}“ darf höchstens {places} Nachkommastelle haben</translation>
    </message>
    <message>
        <source>The {label} can have at most {places} decimals</source>
        <translation>„{label}“ darf höchstens {places} Nachkommastellen haben</translation>
    </message>
    <message>
        <source>The {label} cannot be above {maximum}</source>
        <translation>„{label}“ darf nicht über {maximum} liegen</translation>
    </message>
    <message>
        <source>The {label} cannot be below {minimum}</source>
        <translation>„{label}“ darf nicht unter {minimum} liegen</translation>
    </message>
    <message>
        <source>The {label} cannot be negative</source>
        <translation>„{label}“ darf nicht negativ sein</translation>
    </message>
    <message>
        <source>The {label} contains characters that cannot be stored</source>
        <translation>„{label}“ enthält Zeichen, die nicht gespeichert werden können</translation>
    </message>
    <message>
        <source>The {label} is longer than {limit} characters</source>
        <translation>„{label}“ ist länger als {limit} Zeichen</translation>
    </message>
    <message>
        <source>The {label} is nested deeper than {max_json_depth} levels</source>
        <translation>„{label}“ ist tiefer als {max_json_depth} Ebenen verschachtelt</translation>
    </message>
    <message>
        <source>The {label} is not a number: write it with digits and a point, like {example}</source>
        <translation>„{label}“ ist keine Zahl: Schreiben Sie sie mit Ziffern und einem Punkt, etwa {example}</translation>
    </message>
    <message>
        <source>The {label} must be a Decimal or a string, never a float (floats are not exact)</source>
        <translation>„{label}“ muss ein Decimal oder ein String sein, nie ein float (floats sind nicht exakt)</translation>
    </message>
    <message>
        <source>The {label} must be a date like 2026-12-01 or a time with its offset, like 2026-12-01T09:00:00+01:00</source>
        <translation>„{label}“ muss ein Datum wie 2026-12-01 sein oder eine Zeit mit Zeitversatz wie 2026-12-01T09:00:00+01:00</translation>
    </message>
    <message>
        <source>The {label} must be a date or an aware datetime</source>
        <translation>„{label}“ muss ein Datum oder eine Zeit mit Zeitzone sein</translation>
    </message>
    <message>
        <source>The {label} must be a finite number</source>
        <translation>„{label}“ muss eine endliche Zahl sein</translation>
    </message>
    <message>
        <source>The {label} must be a number</source>
        <translation>„{label}“ muss eine Zahl sein</translation>
    </message>
    <message>
        <source>The {label} must be a whole number, like 12</source>
        <translation>„{label}“ muss eine ganze Zahl sein, etwa 12</translation>
    </message>
    <message>
        <source>The {label} must be a whole number, without decimals</source>
        <translation>„{label}“ muss eine ganze Zahl ohne Nachkommastellen sein</translation>
    </message>
    <message>
        <source>The {label} must be more than zero</source>
        <translation>„{label}“ muss größer als null sein</translation>
    </message>
    <message>
        <source>The {label} must be written with digits and a point, like {example} (no commas)</source>
        <translation>„{label}“ muss mit Ziffern und einem Punkt geschrieben werden, etwa {example} (ohne Kommas)</translation>
    </message>
    <message>
        <source>The {label} must be written with digits and a point, like {example} (no spaces, signs or other marks)</source>
        <translation>„{label}“ muss mit Ziffern und einem Punkt geschrieben werden, etwa {example} (ohne Leerzeichen, Vorzeichen oder andere Zeichen)</translation>
    </message>
    <message>
        <source>The {label} must use the digits 0 to 9</source>
        <translation>„{label}“ muss die Ziffern 0 bis 9 verwenden</translation>
    </message>
    <message>
        <source>The {label} needs its time zone (or give a date)</source>
        <translation>„{label}“ braucht eine Zeitzone (oder geben Sie ein Datum an)</translation>
    </message>
    <message>
        <source>The {what} id must be a whole number, not {name}</source>
        <translation>Die Nummer von „{what}“ muss eine ganze Zahl sein, nicht {name}</translation>
    </message>
    <message>
        <source>The {what} id must be positive</source>
        <translation>Die Nummer von „{what}“ muss positiv sein</translation>
    </message>
    <message>
        <source>The {what} must be given as a dictionary of fields</source>
        <translation>„{what}“ muss als Dictionary von Feldern angegeben werden</translation>
    </message>
    <message>
        <source>The {what} needs a {key}</source>
        <translation>„{what}“ braucht „{key}“</translation>
    </message>
    <message>
        <source>There is already a staff member called {name}</source>
        <translation>Im Personal gibt es bereits jemanden namens {name}</translation>
    </message>
    <message>
        <source>There is no file at {path}</source>
        <translation>Unter {path} gibt es keine Datei</translation>
    </message>
    <message>
        <source>This API key enrolled {most} members in the last minute: try again in {wait} s</source>
        <translation>Dieser API-Schlüssel hat in der letzten Minute {most} Mitglieder aufgenommen: Versuchen Sie es in {wait} s erneut</translation>
    </message>
    <message>
        <source>This card was replaced on {day}; {customer_name} has a new card</source>
        <translation>Diese Karte wurde am {day} ersetzt; {customer_name} hat eine neue Karte</translation>
    </message>
    <message>
        <source>This database already holds the demo shop {user_id}: use a fresh database</source>
        <translation>Diese Datenbank enthält bereits den Demo-Laden {user_id}: Verwenden Sie eine neue Datenbank</translation>
    </message>
    <message>
        <source>This shop has several programs: give the program_id</source>
        <translation>Dieser Laden hat mehrere Treueprogramme: Geben Sie die program_id an</translation>
    </message>
    <message>
        <source>This shop has staff accounts: give --actor (your staff id or name) and your PIN</source>
        <translation>Dieser Laden hat Personalkonten: Geben Sie --actor (Ihre Personalnummer oder Ihren Namen) und Ihre PIN an</translation>
    </message>
    <message>
        <source>This unsubscribe link is not valid (it may be incomplete: copy the whole link from the email)</source>
        <translation>Dieser Abmeldelink ist ungültig (vielleicht unvollständig: Kopieren Sie den ganzen Link aus der E-Mail)</translation>
    </message>
    <message>
        <source>Tier {tier_id} is not a tier of {program_name}</source>
        <translation>Stufe {tier_id} ist keine Stufe von {program_name}</translation>
    </message>
    <message>
        <source>Too many wrong PINs: try again after {local} {value}</source>
        <translation>Zu viele falsche PINs: Versuchen Sie es nach {local} {value} erneut</translation>
    </message>
    <message>
        <source>Two columns are both the {field}: {header} and {name}; map one of them to another field</source>
        <translation>Zwei Spalten sind beide „{field}“: {header} und {name}; ordnen Sie eine davon einem anderen Feld zu</translation>
    </message>
    <message>
        <source>Unknown action {value}: use one of {actions}</source>
        <translation>Unbekannte Aktion {value}: Verwenden Sie eine von {actions}</translation>
    </message>
    <message>
        <source>Unknown country {code}: use a two-letter code such as FR</source>
        <translation>Unbekanntes Land {code}: Verwenden Sie einen Code aus zwei Buchstaben wie DE</translation>
    </message>
    <message>
        <source>Unknown field {field} in the mapping: use one of {fields}</source>
        <translation>Unbekanntes Feld {field} in der Zuordnung: Verwenden Sie eines von {fields}</translation>
    </message>
    <message>
        <source>Unknown field(s) for {what}: {unknown}</source>
        <translation>Unbekannte(s) Feld(er) für „{what}“: {unknown}</translation>
    </message>
    <message>
        <source>Unknown membership status {status}</source>
        <translation>Unbekannter Mitgliedsstatus {status}</translation>
    </message>
    <message>
        <source>Unknown message kind(s): {unknown}. Known kinds: {known}</source>
        <translation>Unbekannte Nachrichtenart(en): {unknown}. Bekannte Arten: {known}</translation>
    </message>
    <message>
        <source>Unknown milestone kind(s): {map}. Known kinds: {milestone_kinds}</source>
        <translation>Unbekannte Meilensteinart(en): {map}. Bekannte Arten: {milestone_kinds}</translation>
    </message>
    <message>
        <source>Unknown number and date format {name}: use a locale such as fr_FR</source>
        <translation>Unbekanntes Zahlen- und Datumsformat {name}: Verwenden Sie eine Locale wie de_DE</translation>
    </message>
    <message>
        <source>Unknown or inactive staff member: sign in again</source>
        <translation>Unbekannte oder inaktive Person im Personal: Melden Sie sich erneut an</translation>
    </message>
    <message>
        <source>Unknown or revoked API key</source>
        <translation>Unbekannter oder widerrufener API-Schlüssel</translation>
    </message>
    <message>
        <source>Unknown phone region {region}: use a country code such as FR</source>
        <translation>Unbekannte Telefonregion {region}: Verwenden Sie einen Ländercode wie DE</translation>
    </message>
    <message>
        <source>Unknown program rule(s): {unknown}. Known rules: {rule_keys}</source>
        <translation>Unbekannte Programmregel(n): {unknown}. Bekannte Regeln: {rule_keys}</translation>
    </message>
    <message>
        <source>Unknown segment field(s): {map}</source>
        <translation>Unbekannte(s) Segmentfeld(er): {map}</translation>
    </message>
    <message>
        <source>Unknown starting program {template}: use one of {templates}</source>
        <translation>Unbekannte Programmvorlage {template}: Verwenden Sie eine von {templates}</translation>
    </message>
    <message>
        <source>Unknown time zone {name}: use a name such as Europe/Paris</source>
        <translation>Unbekannte Zeitzone {name}: Verwenden Sie einen Namen wie Europe/Berlin</translation>
    </message>
    <message>
        <source>Unknown {field} {value}: use one of {choices}</source>
        <translation>Unbekannter Wert {value} für „{field}“: Verwenden Sie einen von {choices}</translation>
    </message>
    <message>
        <source>Unsupported database {get_backend_name}: use SQLite or PostgreSQL</source>
        <translation>Nicht unterstützte Datenbank {get_backend_name}: Verwenden Sie SQLite oder PostgreSQL</translation>
    </message>
    <message>
        <source>Use a multiple of {exact} points, so the discount is exact money</source>
        <translation>Verwenden Sie ein Vielfaches von {exact} Punkten, damit der Rabatt ein genauer Geldbetrag ist</translation>
    </message>
    <message>
        <source>Web order {order_ref} was already {status}</source>
        <translation>Webbestellung {order_ref} war bereits {status}</translation>
    </message>
    <message>
        <source>With {taken} redeemed of {available}, {remaining} remain</source>
        <translation>Bei {taken} eingelösten von {available} bleiben {remaining}</translation>
    </message>
    <message>
        <source>Wrong name or PIN</source>
        <translation>Falscher Name oder falsche PIN</translation>
    </message>
    <message>
        <source>another program&apos;s reward</source>
        <translation>Prämie eines anderen Treueprogramms</translation>
    </message>
    <message>
        <source>as_of must be a date or an aware datetime</source>
        <translation>as_of muss ein Datum oder eine Zeit mit Zeitzone sein</translation>
    </message>
    <message>
        <source>as_of must be within ten years of today</source>
        <translation>as_of muss innerhalb von zehn Jahren um heute liegen</translation>
    </message>
    <message>
        <source>descending must be true or false</source>
        <translation>descending muss wahr oder falsch sein</translation>
    </message>
    <message>
        <source>dry_run and skip_bad_rows must be True or False</source>
        <translation>dry_run und skip_bad_rows müssen True oder False sein</translation>
    </message>
    <message>
        <source>ended {end_date}</source>
        <translation>beendet am {end_date}</translation>
    </message>
    <message>
        <source>enrolled_since must be a date</source>
        <translation>enrolled_since muss ein Datum sein</translation>
    </message>
    <message>
        <source>from {start_date}</source>
        <translation>ab {start_date}</translation>
    </message>
    <message>
        <source>is longer than {max_cell} characters</source>
        <translation>ist länger als {max_cell} Zeichen</translation>
    </message>
    <message>
        <source>limit {limit} per member reached</source>
        <translation>Grenze von {limit} pro Mitglied erreicht</translation>
    </message>
    <message>
        <source>membership {membership_status}</source>
        <translation>Mitgliedschaft {membership_status}</translation>
    </message>
    <message>
        <source>needs {tier_name}</source>
        <translation>braucht {tier_name}</translation>
    </message>
    <message>
        <source>no tier named {values} in {program_name} (tiers: {names})</source>
        <translation>keine Stufe namens {values} in {program_name} (Stufen: {names})</translation>
    </message>
    <message>
        <source>not active</source>
        <translation>nicht aktiv</translation>
    </message>
    <message>
        <source>out of stock</source>
        <translation>nicht vorrätig</translation>
    </message>
    <message>
        <source>pg_dump failed: {first}</source>
        <translation>pg_dump ist fehlgeschlagen: {first}</translation>
    </message>
    <message>
        <source>program inactive</source>
        <translation>Treueprogramm inaktiv</translation>
    </message>
    <message>
        <source>redeeming starts at {min_redemption_points} points</source>
        <translation>Einlösen ab {min_redemption_points} Punkten</translation>
    </message>
    <message>
        <source>the enrollment date is in the future</source>
        <translation>das Aufnahmedatum liegt in der Zukunft</translation>
    </message>
    <message>
        <source>the member&apos;s name is empty</source>
        <translation>der Name des Mitglieds ist leer</translation>
    </message>
    <message>
        <source>the row has {extra} more cell(s) than the header: a value with a {value} in it needs quotes</source>
        <translation>die Zeile hat {extra} Zelle(n) mehr als die Kopfzeile: ein Wert mit {value} darin braucht Anführungszeichen</translation>
    </message>
    <message>
        <source>the same {key} as row {seen}</source>
        <translation>„{key}“ wie in Zeile {seen}</translation>
    </message>
    <message>
        <source>this card number is already in use (or was replaced)</source>
        <translation>diese Kartennummer ist bereits vergeben (oder wurde ersetzt)</translation>
    </message>
    <message>
        <source>this {key} belongs to another member (card {card})</source>
        <translation>„{key}“ gehört schon einem anderen Mitglied (Karte {card})</translation>
    </message>
    <message>
        <source>tier_period must be one of: {tier_periods}</source>
        <translation>tier_period muss eines davon sein: {tier_periods}</translation>
    </message>
    <message>
        <source>tier_reset_date must be a day of every year as MM-DD, such as 01-01 (29 February is not)</source>
        <translation>tier_reset_date muss ein Tag jedes Jahres als MM-DD sein, etwa 01-01 (der 29. Februar ist keiner)</translation>
    </message>
    <message>
        <source>{backup} is damaged ({exc}). Nothing was restored.</source>
        <translation>{backup} ist beschädigt ({exc}). Nichts wurde wiederhergestellt.</translation>
    </message>
    <message>
        <source>{backup} is damaged ({problems}). Nothing was restored.</source>
        <translation>{backup} ist beschädigt ({problems}). Nichts wurde wiederhergestellt.</translation>
    </message>
    <message>
        <source>{backup} is not a Loyalty Desk backup. Nothing was restored.</source>
        <translation>{backup} ist keine Sicherung von Loyalty Desk. Nichts wurde wiederhergestellt.</translation>
    </message>
    <message>
        <source>{backup} is not a file: nothing was restored.</source>
        <translation>{backup} ist keine Datei: Nichts wurde wiederhergestellt.</translation>
    </message>
    <message>
        <source>{backup} was made by a newer Loyalty Desk; update the app. Nothing was restored.</source>
        <translation>{backup} stammt von einem neueren Loyalty Desk; aktualisieren Sie die App. Nichts wurde wiederhergestellt.</translation>
    </message>
    <message>
        <source>{capitalize} changes only through the ledger: record a purchase, a redemption or an adjustment</source>
        <translation>{capitalize} ändert sich nur über das Punktekonto: Verbuchen Sie einen Einkauf, eine Einlösung oder eine Korrektur</translation>
    </message>
    <message>
        <source>{capitalize} rows are written by their own operation, not directly</source>
        <translation>Zeilen vom Typ {capitalize} schreibt ihr eigener Vorgang, nicht direkt</translation>
    </message>
    <message>
        <source>{customer_name} already uses this {field} (card {format_card_number})</source>
        <translation>{customer_name} hat bereits diese Angabe unter „{field}“ (Karte {format_card_number})</translation>
    </message>
    <message>
        <source>{customer_name} cannot redeem {reward_name}: {reason}</source>
        <translation>{customer_name} kann {reward_name} nicht einlösen: {reason}</translation>
    </message>
    <message>
        <source>{customer_name} is a member of another program</source>
        <translation>{customer_name} ist Mitglied eines anderen Treueprogramms</translation>
    </message>
    <message>
        <source>{customer_name}&apos;s membership is {membership_status}: they cannot {verb}</source>
        <translation>Die Mitgliedschaft von {customer_name} ist {membership_status}: {verb} ist nicht möglich</translation>
    </message>
    <message>
        <source>{database} could not be replaced ({exc}). Nothing was restored.</source>
        <translation>{database} konnte nicht ersetzt werden ({exc}). Nichts wurde wiederhergestellt.</translation>
    </message>
    <message>
        <source>{database} is a folder, not a database file. Nothing was restored.</source>
        <translation>{database} ist ein Ordner, keine Datenbankdatei. Nichts wurde wiederhergestellt.</translation>
    </message>
    <message>
        <source>{exclusive} is exclusive to {tier_name}; change that reward first</source>
        <translation>{exclusive} ist exklusiv für {tier_name}; ändern Sie zuerst diese Prämie</translation>
    </message>
    <message>
        <source>{field} must be an aware datetime</source>
        <translation>{field} muss eine Zeit mit Zeitzone sein</translation>
    </message>
    <message>
        <source>{field}: The amount must be a JSON string such as &quot;12.50&quot;, not {value}</source>
        <translation>{field}: Der Betrag muss ein JSON-String wie &quot;12.50&quot; sein, nicht {value}</translation>
    </message>
    <message>
        <source>{key} applies to a calendar-year tier period only (tier_period: calendar_year)</source>
        <translation>{key} gilt nur für einen Stufenzeitraum nach Kalenderjahr (tier_period: calendar_year)</translation>
    </message>
    <message>
        <source>{key} must be a JSON object</source>
        <translation>{key} muss ein JSON-Objekt sein</translation>
    </message>
    <message>
        <source>{key} must be a list of JSON objects</source>
        <translation>{key} muss eine Liste von JSON-Objekten sein</translation>
    </message>
    <message>
        <source>{message}: a manager&apos;s approval is needed</source>
        <translation>{message}: Die Freigabe durch eine/n Manager/in ist nötig</translation>
    </message>
    <message>
        <source>{name} cannot approve: it takes a manager or an owner</source>
        <translation>{name} kann nicht genehmigen: Dafür braucht es eine/n Manager/in oder Inhaber/in</translation>
    </message>
    <message>
        <source>{name} cannot be read: {strerror}</source>
        <translation>{name} kann nicht gelesen werden: {strerror}</translation>
    </message>
    <message>
        <source>{name} is larger than {value} MB</source>
        <translation>{name} ist größer als {value} MB</translation>
    </message>
    <message>
        <source>{name} is the last active owner: make someone else an owner first</source>
        <translation>{name} ist die/der letzte aktive Inhaber/in: Machen Sie zuerst jemand anderen zur/zum Inhaber/in</translation>
    </message>
    <message>
        <source>{number} is more than the {max_points} points a member can hold</source>
        <translation>{number} ist mehr als die {max_points} Punkte, die ein Mitglied haben kann</translation>
    </message>
    <message>
        <source>{path} cannot be read ({value}). It was not opened.</source>
        <translation>{path} kann nicht gelesen werden ({value}). Sie wurde nicht geöffnet.</translation>
    </message>
    <message>
        <source>{path} holds no data yet: no database was created there.</source>
        <translation>{path} enthält noch keine Daten: Dort wurde keine Datenbank angelegt.</translation>
    </message>
    <message>
        <source>{path} is a folder, not a CSV file</source>
        <translation>{path} ist ein Ordner, keine CSV-Datei</translation>
    </message>
    <message>
        <source>{path} is a folder, not a database file. Nothing was changed.</source>
        <translation>{path} ist ein Ordner, keine Datenbankdatei. Nichts wurde geändert.</translation>
    </message>
    <message>
        <source>{path} is not a usable Loyalty Desk database ({exc}). It was not opened.</source>
        <translation>{path} ist keine nutzbare Datenbank von Loyalty Desk ({exc}). Sie wurde nicht geöffnet.</translation>
    </message>
    <message>
        <source>{path} is not a usable Loyalty Desk database: it is not a database file. It was not opened.</source>
        <translation>{path} ist keine nutzbare Datenbank von Loyalty Desk: Es ist keine Datenbankdatei. Sie wurde nicht geöffnet.</translation>
    </message>
    <message>
        <source>{path} is truncated (it is {size} bytes; its header says {value}). It was not opened: restore a backup.</source>
        <translation>{path} ist abgeschnitten (sie hat {size} Bytes; ihr Kopf nennt {value}). Sie wurde nicht geöffnet: Stellen Sie eine Sicherung wieder her.</translation>
    </message>
    <message>
        <source>{path} {state}: no database was created there.</source>
        <translation>{path} {state}: Dort wurde keine Datenbank angelegt.</translation>
    </message>
    <message>
        <source>{program_name} does not take referrals</source>
        <translation>{program_name} nimmt keine Empfehlungen an</translation>
    </message>
    <message>
        <source>{program_name} has no redemption value: set {redeem_per_unit} to take points as money off</source>
        <translation>{program_name} hat keinen Einlösewert: Legen Sie {redeem_per_unit} fest, um Punkte als Rabatt anzurechnen</translation>
    </message>
    <message>
        <source>{program_name} has no tiers: leave the tier column out</source>
        <translation>{program_name} hat keine Stufen: Lassen Sie die Spalte für die Stufe weg</translation>
    </message>
    <message>
        <source>{program_name} is a stamp card: a visit earns one stamp, so a promotion cannot multiply it or add to it</source>
        <translation>{program_name} ist eine Stempelkarte: Ein Besuch bringt einen Stempel, eine Aktion kann ihn daher nicht vervielfachen oder ergänzen</translation>
    </message>
    <message>
        <source>{program_name} is inactive and takes no new members</source>
        <translation>{program_name} ist inaktiv und nimmt keine neuen Mitglieder auf</translation>
    </message>
    <message>
        <source>{program_name} is inactive: members cannot {verb}</source>
        <translation>{program_name} ist inaktiv: {verb} ist für Mitglieder nicht möglich</translation>
    </message>
    <message>
        <source>{reward_name} costs {points_cost} points, not {points}</source>
        <translation>{reward_name} kostet {points_cost} Punkte, nicht {points}</translation>
    </message>
    <message>
        <source>{reward_name} is out of stock</source>
        <translation>{reward_name} ist nicht mehr vorrätig</translation>
    </message>
    <message>
        <source>{taken} units are already redeemed; the quantity cannot go below that</source>
        <translation>{taken} Stück sind bereits eingelöst; die Menge kann nicht darunter sinken</translation>
    </message>
    <message>
        <source>{tier_name} is part of members&apos; tier history and stays; edit its range or name instead</source>
        <translation>{tier_name} gehört zum Stufenverlauf von Mitgliedern und bleibt; ändern Sie stattdessen Bereich oder Namen</translation>
    </message>
    <message>
        <source>{tier_name} still has members; move them first</source>
        <translation>{tier_name} hat noch Mitglieder; verschieben Sie sie zuerst</translation>
    </message>
    <message>
        <source>{value} is read-only and needs an update by this version of Loyalty Desk: make it writable, or open a copy. Nothing was changed.</source>
        <translation>{value} ist schreibgeschützt und muss von dieser Version von Loyalty Desk aktualisiert werden: Machen Sie sie beschreibbar oder öffnen Sie eine Kopie. Nichts wurde geändert.</translation>
    </message>
    <message>
        <source>{value} more points</source>
        <translation>noch {value} Punkte</translation>
    </message>
    <message>
        <source>{value} must be a date written like 1990-04-23</source>
        <translation>{value} muss ein Datum sein, geschrieben wie 1990-04-23</translation>
    </message>
    <message>
        <source>{value} must be a whole number of points, like 1200</source>
        <translation>{value} muss eine ganze Zahl von Punkten sein, etwa 1200</translation>
    </message>
    <message>
        <source>{value} must be yes or no</source>
        <translation>{value} muss ja oder nein sein</translation>
    </message>
    <message>
        <source>{where} is not a Loyalty Desk {what}: it belongs to another application. It was not changed.</source>
        <translation>{where} ist kein(e) {what} von Loyalty Desk: Es gehört zu einer anderen Anwendung. Es wurde nicht geändert.</translation>
    </message>
    <message>
        <source>{where} was made by a newer Loyalty Desk; update the app. It was not changed.</source>
        <translation>{where} stammt von einem neueren Loyalty Desk; aktualisieren Sie die App. Es wurde nicht geändert.</translation>
    </message>
    <message>
        <source>API key</source>
        <translation>API-Schlüssel</translation>
    </message>
    <message>
        <source>action</source>
        <translation>Aktion</translation>
    </message>
    <message>
        <source>actor</source>
        <translation>Handelnde Person</translation>
    </message>
    <message>
        <source>address</source>
        <translation>Adresse</translation>
    </message>
    <message>
        <source>after</source>
        <translation>Ab</translation>
    </message>
    <message>
        <source>after id</source>
        <translation>Ab-Nummer</translation>
    </message>
    <message>
        <source>amount</source>
        <translation>Betrag</translation>
    </message>
    <message>
        <source>api enrollments per minute</source>
        <translation>API-Aufnahmen pro Minute</translation>
    </message>
    <message>
        <source>approval threshold points</source>
        <translation>Freigabegrenze in Punkten</translation>
    </message>
    <message>
        <source>approved</source>
        <translation>genehmigt</translation>
    </message>
    <message>
        <source>approver</source>
        <translation>Genehmigende Person</translation>
    </message>
    <message>
        <source>as of</source>
        <translation>Stichtag</translation>
    </message>
    <message>
        <source>auto lock minutes</source>
        <translation>Minuten bis zur automatischen Sperre</translation>
    </message>
    <message>
        <source>backup</source>
        <translation>Sicherung</translation>
    </message>
    <message>
        <source>basket amount</source>
        <translation>Einkaufsbetrag</translation>
    </message>
    <message>
        <source>benefits</source>
        <translation>Vorteile</translation>
    </message>
    <message>
        <source>birthday</source>
        <translation>Geburtstag</translation>
    </message>
    <message>
        <source>birthday bonus multiplier</source>
        <translation>Geburtstagsbonus-Faktor</translation>
    </message>
    <message>
        <source>birthday bonus points</source>
        <translation>Geburtstagsbonuspunkte</translation>
    </message>
    <message>
        <source>body</source>
        <translation>Inhalt</translation>
    </message>
    <message>
        <source>bonus points</source>
        <translation>Bonuspunkte</translation>
    </message>
    <message>
        <source>busy timeout s</source>
        <translation>Wartezeit in Sekunden</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>storniert</translation>
    </message>
    <message>
        <source>cap</source>
        <translation>Grenze</translation>
    </message>
    <message>
        <source>card number</source>
        <translation>Kartennummer</translation>
    </message>
    <message>
        <source>cash back percent</source>
        <translation>Cashback in Prozent</translation>
    </message>
    <message>
        <source>cashier daily adjustment cap</source>
        <translation>Tagesgrenze für Korrekturen durch Kassierer/innen</translation>
    </message>
    <message>
        <source>claimer</source>
        <translation>Einlösende Person</translation>
    </message>
    <message>
        <source>completed</source>
        <translation>abgeschlossen</translation>
    </message>
    <message>
        <source>country</source>
        <translation>Land</translation>
    </message>
    <message>
        <source>currency</source>
        <translation>Währung</translation>
    </message>
    <message>
        <source>current tier id</source>
        <translation>Aktuelle Stufe</translation>
    </message>
    <message>
        <source>customer id</source>
        <translation>Kundennummer</translation>
    </message>
    <message>
        <source>customer name</source>
        <translation>Kundenname</translation>
    </message>
    <message>
        <source>days of week</source>
        <translation>Wochentage</translation>
    </message>
    <message>
        <source>delivery method</source>
        <translation>Lieferart</translation>
    </message>
    <message>
        <source>descending</source>
        <translation>Absteigend</translation>
    </message>
    <message>
        <source>description</source>
        <translation>Beschreibung</translation>
    </message>
    <message>
        <source>dismissed</source>
        <translation>verworfen</translation>
    </message>
    <message>
        <source>earn points</source>
        <translation>Punkte sammeln</translation>
    </message>
    <message>
        <source>email</source>
        <translation>E-Mail-Adresse</translation>
    </message>
    <message>
        <source>email opt out</source>
        <translation>E-Mail-Abmeldung</translation>
    </message>
    <message>
        <source>end date</source>
        <translation>Enddatum</translation>
    </message>
    <message>
        <source>ends at</source>
        <translation>Ende</translation>
    </message>
    <message>
        <source>enrolled since</source>
        <translation>Aufgenommen seit</translation>
    </message>
    <message>
        <source>exclusive rewards</source>
        <translation>Exklusive Prämien</translation>
    </message>
    <message>
        <source>expired</source>
        <translation>abgelaufen</translation>
    </message>
    <message>
        <source>first</source>
        <translation>Erste Nummer</translation>
    </message>
    <message>
        <source>folder</source>
        <translation>Ordner</translation>
    </message>
    <message>
        <source>hours</source>
        <translation>Uhrzeiten</translation>
    </message>
    <message>
        <source>keep id</source>
        <translation>Nummer des bleibenden Mitglieds</translation>
    </message>
    <message>
        <source>key</source>
        <translation>Schlüssel</translation>
    </message>
    <message>
        <source>last</source>
        <translation>Letzte Nummer</translation>
    </message>
    <message>
        <source>limit</source>
        <translation>Grenze</translation>
    </message>
    <message>
        <source>locale</source>
        <translation>Zahlen- und Datumsformat</translation>
    </message>
    <message>
        <source>logo png</source>
        <translation>Logo (PNG)</translation>
    </message>
    <message>
        <source>mapping</source>
        <translation>Zuordnung</translation>
    </message>
    <message>
        <source>marketing consent</source>
        <translation>Werbeeinwilligung</translation>
    </message>
    <message>
        <source>marketing consent source</source>
        <translation>Quelle der Werbeeinwilligung</translation>
    </message>
    <message>
        <source>max per member</source>
        <translation>Höchstzahl pro Mitglied</translation>
    </message>
    <message>
        <source>max points required</source>
        <translation>Höchstpunktzahl</translation>
    </message>
    <message>
        <source>member</source>
        <translation>Mitglied</translation>
    </message>
    <message>
        <source>member id</source>
        <translation>Mitgliedsnummer</translation>
    </message>
    <message>
        <source>member metadata</source>
        <translation>Zusatzdaten des Mitglieds</translation>
    </message>
    <message>
        <source>members</source>
        <translation>Mitglieder</translation>
    </message>
    <message>
        <source>merge id</source>
        <translation>Nummer des zusammenzuführenden Mitglieds</translation>
    </message>
    <message>
        <source>min amount</source>
        <translation>Mindestbetrag</translation>
    </message>
    <message>
        <source>min points required</source>
        <translation>Mindestpunktzahl</translation>
    </message>
    <message>
        <source>min redemption points</source>
        <translation>Mindestpunkte für eine Einlösung</translation>
    </message>
    <message>
        <source>months</source>
        <translation>Monate</translation>
    </message>
    <message>
        <source>multiplier</source>
        <translation>Faktor</translation>
    </message>
    <message>
        <source>name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>notes</source>
        <translation>Notizen</translation>
    </message>
    <message>
        <source>open</source>
        <translation>offen</translation>
    </message>
    <message>
        <source>order id</source>
        <translation>Bestellnummer</translation>
    </message>
    <message>
        <source>order ref</source>
        <translation>Bestellnummer</translation>
    </message>
    <message>
        <source>outcome</source>
        <translation>Ergebnis</translation>
    </message>
    <message>
        <source>output</source>
        <translation>Ausgabe</translation>
    </message>
    <message>
        <source>paper size</source>
        <translation>Papierformat</translation>
    </message>
    <message>
        <source>pending days</source>
        <translation>Tage bis zur Gutschrift</translation>
    </message>
    <message>
        <source>phone</source>
        <translation>Telefonnummer</translation>
    </message>
    <message>
        <source>phone region</source>
        <translation>Telefonvorwahl-Region</translation>
    </message>
    <message>
        <source>pin</source>
        <translation>PIN</translation>
    </message>
    <message>
        <source>point value</source>
        <translation>Punktwert</translation>
    </message>
    <message>
        <source>points</source>
        <translation>Punkte</translation>
    </message>
    <message>
        <source>points amount</source>
        <translation>Punktzahl</translation>
    </message>
    <message>
        <source>points cost</source>
        <translation>Punktepreis</translation>
    </message>
    <message>
        <source>points expiration days</source>
        <translation>Tage bis zum Verfall der Punkte</translation>
    </message>
    <message>
        <source>points multiplier</source>
        <translation>Punktefaktor</translation>
    </message>
    <message>
        <source>points per dollar</source>
        <translation>Punkte pro Währungseinheit</translation>
    </message>
    <message>
        <source>points redeemed</source>
        <translation>Eingelöste Punkte</translation>
    </message>
    <message>
        <source>program</source>
        <translation>Treueprogramm</translation>
    </message>
    <message>
        <source>program id</source>
        <translation>Treueprogramm</translation>
    </message>
    <message>
        <source>program name</source>
        <translation>Name des Treueprogramms</translation>
    </message>
    <message>
        <source>program rules</source>
        <translation>Programmregeln</translation>
    </message>
    <message>
        <source>program type</source>
        <translation>Programmart</translation>
    </message>
    <message>
        <source>promotion</source>
        <translation>Aktion</translation>
    </message>
    <message>
        <source>quantity available</source>
        <translation>Verfügbare Menge</translation>
    </message>
    <message>
        <source>quantity remaining</source>
        <translation>Restmenge</translation>
    </message>
    <message>
        <source>query</source>
        <translation>Suche</translation>
    </message>
    <message>
        <source>reason</source>
        <translation>Grund</translation>
    </message>
    <message>
        <source>receipt footer</source>
        <translation>Fußzeile des Belegs</translation>
    </message>
    <message>
        <source>redeemed</source>
        <translation>eingelöst</translation>
    </message>
    <message>
        <source>redemption</source>
        <translation>Einlösung</translation>
    </message>
    <message>
        <source>reference id</source>
        <translation>Referenznummer</translation>
    </message>
    <message>
        <source>reference type</source>
        <translation>Referenzart</translation>
    </message>
    <message>
        <source>referral enabled</source>
        <translation>Empfehlungen aktiv</translation>
    </message>
    <message>
        <source>referral points awarded</source>
        <translation>Empfehlungspunkte</translation>
    </message>
    <message>
        <source>referred by code</source>
        <translation>Empfehlungscode</translation>
    </message>
    <message>
        <source>register name</source>
        <translation>Name der Kasse</translation>
    </message>
    <message>
        <source>resolved</source>
        <translation>zugeordnet</translation>
    </message>
    <message>
        <source>return approval amount</source>
        <translation>Freigabegrenze für Rückgaben</translation>
    </message>
    <message>
        <source>return ref</source>
        <translation>Rückgabenummer</translation>
    </message>
    <message>
        <source>reward</source>
        <translation>Prämie</translation>
    </message>
    <message>
        <source>reward code</source>
        <translation>Prämiencode</translation>
    </message>
    <message>
        <source>reward image url</source>
        <translation>Bildadresse der Prämie</translation>
    </message>
    <message>
        <source>reward name</source>
        <translation>Name der Prämie</translation>
    </message>
    <message>
        <source>reward terms</source>
        <translation>Bedingungen der Prämie</translation>
    </message>
    <message>
        <source>role</source>
        <translation>Rolle</translation>
    </message>
    <message>
        <source>search</source>
        <translation>Suche</translation>
    </message>
    <message>
        <source>segment</source>
        <translation>Segment</translation>
    </message>
    <message>
        <source>shipping address</source>
        <translation>Versandadresse</translation>
    </message>
    <message>
        <source>shop name</source>
        <translation>Name des Ladens</translation>
    </message>
    <message>
        <source>since</source>
        <translation>Seit</translation>
    </message>
    <message>
        <source>smtp allow self signed</source>
        <translation>Selbstsignierte Zertifikate erlauben</translation>
    </message>
    <message>
        <source>smtp host</source>
        <translation>Mailserver</translation>
    </message>
    <message>
        <source>smtp port</source>
        <translation>Mailserver-Port</translation>
    </message>
    <message>
        <source>smtp security</source>
        <translation>Sicherheit des Mailservers</translation>
    </message>
    <message>
        <source>smtp username</source>
        <translation>Mailserver-Benutzer</translation>
    </message>
    <message>
        <source>sort</source>
        <translation>Sortierung</translation>
    </message>
    <message>
        <source>source</source>
        <translation>Quelle</translation>
    </message>
    <message>
        <source>stacks with tier</source>
        <translation>Mit Stufenbonus kombinierbar</translation>
    </message>
    <message>
        <source>staff</source>
        <translation>Personal</translation>
    </message>
    <message>
        <source>start date</source>
        <translation>Startdatum</translation>
    </message>
    <message>
        <source>status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>subject</source>
        <translation>Betreff</translation>
    </message>
    <message>
        <source>suspended</source>
        <translation>gesperrt</translation>
    </message>
    <message>
        <source>the backup</source>
        <translation>die Sicherung</translation>
    </message>
    <message>
        <source>the copy kept before updating the database</source>
        <translation>die vor dem Aktualisieren der Datenbank behaltene Kopie</translation>
    </message>
    <message>
        <source>the copy of the current database</source>
        <translation>die Kopie der aktuellen Datenbank</translation>
    </message>
    <message>
        <source>the restored database</source>
        <translation>die wiederhergestellte Datenbank</translation>
    </message>
    <message>
        <source>tier</source>
        <translation>Stufe</translation>
    </message>
    <message>
        <source>tier demotion months</source>
        <translation>Monate bis zur Herabstufung</translation>
    </message>
    <message>
        <source>tier exclusive id</source>
        <translation>Exklusive Stufe</translation>
    </message>
    <message>
        <source>tier grace</source>
        <translation>Schonfrist der Stufe</translation>
    </message>
    <message>
        <source>tier ids</source>
        <translation>Stufen</translation>
    </message>
    <message>
        <source>tier level</source>
        <translation>Stufenrang</translation>
    </message>
    <message>
        <source>tier name</source>
        <translation>Name der Stufe</translation>
    </message>
    <message>
        <source>tier period</source>
        <translation>Stufenzeitraum</translation>
    </message>
    <message>
        <source>tier qualification days</source>
        <translation>Qualifikationstage der Stufe</translation>
    </message>
    <message>
        <source>tier reset date</source>
        <translation>Stichtag der Stufen</translation>
    </message>
    <message>
        <source>tier system enabled</source>
        <translation>Stufensystem aktiv</translation>
    </message>
    <message>
        <source>timezone</source>
        <translation>Zeitzone</translation>
    </message>
    <message>
        <source>token</source>
        <translation>Token</translation>
    </message>
    <message>
        <source>tracking number</source>
        <translation>Sendungsnummer</translation>
    </message>
    <message>
        <source>transaction</source>
        <translation>Buchung</translation>
    </message>
    <message>
        <source>transaction type</source>
        <translation>Buchungsart</translation>
    </message>
    <message>
        <source>unsubscribe base url</source>
        <translation>Abmelde-Adresse</translation>
    </message>
    <message>
        <source>until</source>
        <translation>Bis</translation>
    </message>
    <message>
        <source>use points</source>
        <translation>Punkte einlösen</translation>
    </message>
    <message>
        <source>user id</source>
        <translation>Shop-Konto</translation>
    </message>
    <message>
        <source>userId</source>
        <translation>userId</translation>
    </message>
    <message>
        <source>web order</source>
        <translation>Webbestellung</translation>
    </message>
    <message>
        <source>webhook auto enroll</source>
        <translation>Automatische Aufnahme per Webhook</translation>
    </message>
    <message>
        <source>webhook secret</source>
        <translation>Webhook-Geheimnis</translation>
    </message>
    <message>
        <source>welcome bonus points</source>
        <translation>Willkommensbonuspunkte</translation>
    </message>
    <message>
        <source>No picture</source>
        <translation>Kein Bild</translation>
    </message>
    <message>
        <source>The picture could not be copied: {reason}</source>
        <translation>Das Bild konnte nicht kopiert werden: {reason}</translation>
    </message>
    <message>
        <source>Stock</source>
        <translation>Bestand</translation>
    </message>
    <message>
        <source>Dates</source>
        <translation>Zeitraum</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>Aktiv</translation>
    </message>
    <message>
        <source>Picture</source>
        <translation>Bild</translation>
    </message>
    <message>
        <source>Units remaining of the units available</source>
        <translation>Verbleibende von den verfügbaren Stück</translation>
    </message>
    <message>
        <source>Who may redeem it: a tier and the tiers above it, or everyone</source>
        <translation>Wer sie einlösen darf: eine Stufe und die Stufen darüber, oder alle</translation>
    </message>
    <message>
        <source>When it can be redeemed (both days included)</source>
        <translation>Wann sie eingelöst werden kann (beide Tage eingeschlossen)</translation>
    </message>
    <message>
        <source>picture</source>
        <translation>Bild</translation>
    </message>
    <message>
        <source>no picture</source>
        <translation>kein Bild</translation>
    </message>
    <message>
        <source>Unlimited</source>
        <translation>Unbegrenzt</translation>
    </message>
    <message>
        <source>{remaining} of {available}</source>
        <translation>{remaining} von {available}</translation>
    </message>
    <message>
        <source>From {date}</source>
        <translation>Ab {date}</translation>
    </message>
    <message>
        <source>Until {date}</source>
        <translation>Bis {date}</translation>
    </message>
    <message>
        <source>Any time</source>
        <translation>Jederzeit</translation>
    </message>
    <message>
        <source>{remaining} remaining of {available} available ({taken} redeemed)</source>
        <translation>{remaining} übrig von {available} verfügbaren ({taken} eingelöst)</translation>
    </message>
    <message>
        <source>Only members in {tier} or a higher tier</source>
        <translation>Nur Mitglieder der Stufe {tier} oder einer höheren</translation>
    </message>
    <message>
        <source>At most {limit} per member</source>
        <translation>Höchstens {limit} pro Mitglied</translation>
    </message>
    <message>
        <source>Code: {code}</source>
        <translation>Code: {code}</translation>
    </message>
    <message>
        <source>&amp;Program:</source>
        <translation>&amp;Programm:</translation>
    </message>
    <message>
        <source>The program whose rewards are shown</source>
        <translation>Das Programm, dessen Prämien gezeigt werden</translation>
    </message>
    <message>
        <source>&amp;New reward…</source>
        <translation>&amp;Neue Prämie…</translation>
    </message>
    <message>
        <source>Add a reward to the catalog (Ctrl+N)</source>
        <translation>Eine Prämie zum Katalog hinzufügen (Strg+N)</translation>
    </message>
    <message>
        <source>&amp;Edit…</source>
        <translation>&amp;Bearbeiten…</translation>
    </message>
    <message>
        <source>Edit the selected reward (Enter or double-click)</source>
        <translation>Die ausgewählte Prämie bearbeiten (Eingabetaste oder Doppelklick)</translation>
    </message>
    <message>
        <source>Edit reward</source>
        <translation>Prämie bearbeiten</translation>
    </message>
    <message>
        <source>Reward catalog</source>
        <translation>Prämienkatalog</translation>
    </message>
    <message>
        <source>No program yet: set one up on the Programs tab, then add its rewards here.</source>
        <translation>Noch kein Programm: Legen Sie eines auf der Registerkarte Programme an und fügen Sie dann hier seine Prämien hinzu.</translation>
    </message>
    <message>
        <source>No rewards in this program yet: add the first with New reward (Ctrl+N).</source>
        <translation>Noch keine Prämien in diesem Programm: Fügen Sie die erste mit Neue Prämie (Strg+N) hinzu.</translation>
    </message>
    <message>
        <source>About Loyalty Desk</source>
        <translation>Über Loyalty Desk</translation>
    </message>
    <message>
        <source>Version {version}</source>
        <translation>Version {version}</translation>
    </message>
    <message>
        <source>Database:</source>
        <translation>Datenbank:</translation>
    </message>
    <message>
        <source>Data folder:</source>
        <translation>Datenordner:</translation>
    </message>
    <message>
        <source>Log file:</source>
        <translation>Protokolldatei:</translation>
    </message>
    <message>
        <source>&amp;Open data folder</source>
        <translation>&amp;Datenordner öffnen</translation>
    </message>
    <message>
        <source>No backup folder: Settings ▸ Backups…</source>
        <translation>Kein Sicherungsordner: Einstellungen ▸ Sicherungen…</translation>
    </message>
    <message>
        <source>No backup yet</source>
        <translation>Noch keine Sicherung</translation>
    </message>
    <message>
        <source>Last backup {when}: {days} days ago</source>
        <translation>Letzte Sicherung {when}: vor {days} Tagen</translation>
    </message>
    <message>
        <source>Last backup {when}</source>
        <translation>Letzte Sicherung {when}</translation>
    </message>
    <message>
        <source>Backups</source>
        <translation>Sicherungen</translation>
    </message>
    <message>
        <source>Backup folder</source>
        <translation>Sicherungsordner</translation>
    </message>
    <message>
        <source>a folder on a USB stick or a synced drive</source>
        <translation>ein Ordner auf einem USB-Stick oder einem synchronisierten Laufwerk</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>Wählen…</translation>
    </message>
    <message>
        <source>Back up now</source>
        <translation>Jetzt sichern</translation>
    </message>
    <message>
        <source>Every day, after the daily jobs, Loyalty Desk copies the whole database into this folder, checks the copy, and keeps the last 7 daily and 4 weekly copies. Choose a folder on another disk: a USB stick or a synced folder.</source>
        <translation>Jeden Tag kopiert Loyalty Desk nach den täglichen Aufgaben die ganze Datenbank in diesen Ordner, prüft die Kopie und behält die letzten 7 täglichen und 4 wöchentlichen Kopien. Wählen Sie einen Ordner auf einem anderen Datenträger: einem USB-Stick oder einem synchronisierten Ordner.</translation>
    </message>
    <message>
        <source>Choose the folder first</source>
        <translation>Wählen Sie zuerst den Ordner</translation>
    </message>
    <message>
        <source>Copying and checking the database…</source>
        <translation>Datenbank wird kopiert und geprüft…</translation>
    </message>
    <message>
        <source>; {n} old copy removed</source>
        <translation>; {n} alte Kopie entfernt</translation>
    </message>
    <message>
        <source>; {n} old copies removed</source>
        <translation>; {n} alte Kopien entfernt</translation>
    </message>
    <message>
        <source>Saved and checked {name} ({size} MB)</source>
        <translation>{name} gespeichert und geprüft ({size} MB)</translation>
    </message>
    <message>
        <source>The backup failed: {error}</source>
        <translation>Die Sicherung ist fehlgeschlagen: {error}</translation>
    </message>
    <message>
        <source>Restore from backup</source>
        <translation>Aus Sicherung wiederherstellen</translation>
    </message>
    <message>
        <source>Loyalty Desk backups (*.db);;All (*)</source>
        <translation>Loyalty-Desk-Sicherungen (*.db);;Alle (*)</translation>
    </message>
    <message>
        <source>Replace the shop&apos;s database by {name}? Everything since that backup is lost. The database as it is now is kept beside it.</source>
        <translation>Die Datenbank des Ladens durch {name} ersetzen? Alles seit dieser Sicherung geht verloren. Die Datenbank im jetzigen Zustand wird daneben aufbewahrt.</translation>
    </message>
    <message>
        <source>Rebuild the indexes</source>
        <translation>Indizes neu aufbauen</translation>
    </message>
    <message>
        <source>This database is open read-only (the file, its folder or its disk cannot be written): you can look, but nothing can be saved.</source>
        <translation>Diese Datenbank ist schreibgeschützt geöffnet (die Datei, ihr Ordner oder ihr Datenträger ist nicht beschreibbar): Sie können sich alles ansehen, aber nichts speichern.</translation>
    </message>
    <message>
        <source>The last session ended abruptly and {n} index(es) are damaged: rebuild them now (a few seconds; nothing is lost).</source>
        <translation>Die letzte Sitzung endete abrupt und {n} Index/Indizes sind beschädigt: Bauen Sie sie jetzt neu auf (ein paar Sekunden; nichts geht verloren).</translation>
    </message>
    <message>
        <source>The last session ended abruptly and the database is damaged: restore the last backup (File ▸ Restore from backup…).</source>
        <translation>Die letzte Sitzung endete abrupt und die Datenbank ist beschädigt: Stellen Sie die letzte Sicherung wieder her (Datei ▸ Aus Sicherung wiederherstellen…).</translation>
    </message>
    <message>
        <source>The indexes could not be rebuilt: {error}</source>
        <translation>Die Indizes konnten nicht neu aufgebaut werden: {error}</translation>
    </message>
    <message>
        <source>Connected: the shop&apos;s Loyalty Desk database is there, ready for this register.</source>
        <translation>Verbunden: Die Loyalty-Desk-Datenbank des Ladens ist bereit für diese Kasse.</translation>
    </message>
    <message>
        <source>Connected: the database is empty. Connect sets it up for Loyalty Desk.</source>
        <translation>Verbunden: Die Datenbank ist leer. „Verbinden“ richtet sie für Loyalty Desk ein.</translation>
    </message>
    <message>
        <source>Connected: the database was made by an older Loyalty Desk. Connect updates it.</source>
        <translation>Verbunden: Die Datenbank stammt von einer älteren Loyalty-Desk-Version. „Verbinden“ aktualisiert sie.</translation>
    </message>
    <message>
        <source>Connect to shop server</source>
        <translation>Mit Ladenserver verbinden</translation>
    </message>
    <message>
        <source>shop-server or 192.168.1.20</source>
        <translation>laden-server oder 192.168.1.20</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>Server</translation>
    </message>
    <message>
        <source>Database</source>
        <translation>Datenbank</translation>
    </message>
    <message>
        <source>User</source>
        <translation>Benutzer</translation>
    </message>
    <message>
        <source>&amp;Server:</source>
        <translation>&amp;Server:</translation>
    </message>
    <message>
        <source>P&amp;ort:</source>
        <translation>P&amp;ort:</translation>
    </message>
    <message>
        <source>&amp;Database:</source>
        <translation>&amp;Datenbank:</translation>
    </message>
    <message>
        <source>&amp;User:</source>
        <translation>&amp;Benutzer:</translation>
    </message>
    <message>
        <source>Pass&amp;word:</source>
        <translation>Pass&amp;wort:</translation>
    </message>
    <message>
        <source>The password is kept in this computer&apos;s keyring.</source>
        <translation>Das Passwort wird im Schlüsselbund dieses Computers gespeichert.</translation>
    </message>
    <message>
        <source>This computer has no keyring: the password will not be remembered, so the server must let this register in without one (a .pgpass file), or you type it again.</source>
        <translation>Dieser Computer hat keinen Schlüsselbund: Das Passwort wird nicht gespeichert. Der Server muss diese Kasse also ohne Passwort zulassen (eine .pgpass-Datei), oder Sie geben es erneut ein.</translation>
    </message>
    <message>
        <source>&amp;Test connection</source>
        <translation>Verbindung &amp;testen</translation>
    </message>
    <message>
        <source>&amp;Connect</source>
        <translation>&amp;Verbinden</translation>
    </message>
    <message>
        <source>Type the server&apos;s name or address.</source>
        <translation>Geben Sie den Namen oder die Adresse des Servers ein.</translation>
    </message>
    <message>
        <source>The port is a number from 1 to 65535 (PostgreSQL&apos;s is 5432).</source>
        <translation>Der Port ist eine Zahl von 1 bis 65535 (der von PostgreSQL ist 5432).</translation>
    </message>
    <message>
        <source>Type the database&apos;s name.</source>
        <translation>Geben Sie den Namen der Datenbank ein.</translation>
    </message>
    <message>
        <source>Type the user this register signs in as.</source>
        <translation>Geben Sie den Benutzer ein, mit dem sich diese Kasse anmeldet.</translation>
    </message>
    <message>
        <source>Trying {where}… (up to {seconds} seconds)</source>
        <translation>Verbindung zu {where} wird versucht… (bis zu {seconds} Sekunden)</translation>
    </message>
    <message>
        <source>Set up the shop&apos;s database</source>
        <translation>Datenbank des Ladens einrichten</translation>
    </message>
    <message>
        <source>The database “{database}” on {where} is empty.

Set it up for Loyalty Desk? Every register that connects to it shares its members and points.</source>
        <translation>Die Datenbank „{database}“ auf {where} ist leer.

Für Loyalty Desk einrichten? Alle Kassen, die sich mit ihr verbinden, teilen ihre Mitglieder und Punkte.</translation>
    </message>
    <message>
        <source>Update the shop&apos;s database</source>
        <translation>Datenbank des Ladens aktualisieren</translation>
    </message>
    <message>
        <source>The database “{database}” on {where} was made by an older Loyalty Desk.

Update it? Registers still on the older version must be updated too. Back it up first if you have no recent backup.</source>
        <translation>Die Datenbank „{database}“ auf {where} stammt von einer älteren Loyalty-Desk-Version.

Aktualisieren? Kassen mit der älteren Version müssen ebenfalls aktualisiert werden. Sichern Sie sie zuerst, wenn Sie keine aktuelle Sicherung haben.</translation>
    </message>
    <message>
        <source>Something went wrong, but nothing was lost: the last action was not saved.

The details are in {path}.</source>
        <translation>Etwas ist schiefgegangen, aber nichts ging verloren: Die letzte Aktion wurde nicht gespeichert.

Die Einzelheiten stehen in {path}.</translation>
    </message>
    <message>
        <source>This register</source>
        <translation>Diese Kasse</translation>
    </message>
    <message>
        <source>Register name</source>
        <translation>Name der Kasse</translation>
    </message>
    <message>
        <source>Register &amp;name:</source>
        <translation>&amp;Name der Kasse:</translation>
    </message>
    <message>
        <source>Recorded beside the person on every sale, return, redemption and change made at this computer, and shown in the status bar. Blank: the computer&apos;s name ({host}).</source>
        <translation>Wird bei jedem Verkauf, jeder Rücknahme, Einlösung und Änderung an diesem Computer neben der Person vermerkt und in der Statusleiste angezeigt. Leer: der Name des Computers ({host}).</translation>
    </message>
    <message>
        <source>a dialog</source>
        <translation>ein Dialog</translation>
    </message>
    <message>
        <source>Scan ignored: “{title}” is open and has no use for {code}</source>
        <translation>Scan ignoriert: „{title}“ ist geöffnet und kann mit {code} nichts anfangen</translation>
    </message>
    <message>
        <source>No logo</source>
        <translation>Kein Logo</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Entfernen</translation>
    </message>
    <message>
        <source>Choose the shop&apos;s logo</source>
        <translation>Logo des Ladens wählen</translation>
    </message>
    <message>
        <source>Images (*.png *.jpg *.jpeg *.bmp)</source>
        <translation>Bilder (*.png *.jpg *.jpeg *.bmp)</translation>
    </message>
    <message>
        <source>That file is not an image this app can read</source>
        <translation>Diese Datei ist kein Bild, das die App lesen kann</translation>
    </message>
    <message>
        <source>Shop settings</source>
        <translation>Einstellungen des Ladens</translation>
    </message>
    <message>
        <source>Not set</source>
        <translation>Nicht festgelegt</translation>
    </message>
    <message>
        <source>How numbers and dates are written, such as fr_FR: 1 234,50 and 03/12/2026</source>
        <translation>Wie Zahlen und Daten geschrieben werden, z. B. de_DE: 1.234,50 und 03.12.2026</translation>
    </message>
    <message>
        <source>As this computer ({locale})</source>
        <translation>Wie dieser Computer ({locale})</translation>
    </message>
    <message>
        <source>Shop name</source>
        <translation>Name des Ladens</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Adresse</translation>
    </message>
    <message>
        <source>Logo</source>
        <translation>Logo</translation>
    </message>
    <message>
        <source>Country</source>
        <translation>Land</translation>
    </message>
    <message>
        <source>Time zone</source>
        <translation>Zeitzone</translation>
    </message>
    <message>
        <source>Phone region</source>
        <translation>Telefonregion</translation>
    </message>
    <message>
        <source>Numbers and dates</source>
        <translation>Zahlen und Daten</translation>
    </message>
    <message>
        <source>Receipt footer</source>
        <translation>Fußzeile des Belegs</translation>
    </message>
    <message>
        <source>Paper size</source>
        <translation>Papierformat</translation>
    </message>
    <message>
        <source>Staff limits</source>
        <translation>Grenzen für das Personal</translation>
    </message>
    <message>
        <source> min</source>
        <translation> Min.</translation>
    </message>
    <message>
        <source>Approval above</source>
        <translation>Genehmigung ab</translation>
    </message>
    <message>
        <source>A cashier&apos;s manual adjustment above this many points, plus or minus, needs a manager&apos;s PIN</source>
        <translation>Eine manuelle Korrektur durch Kassierer/innen über so viele Punkte, plus oder minus, braucht die PIN einer Manager/in</translation>
    </message>
    <message>
        <source>Cashier&apos;s daily cap</source>
        <translation>Tageslimit Kassierer/in</translation>
    </message>
    <message>
        <source>A cashier&apos;s manual adjustments in one shop day, in points either way; beyond it, a manager&apos;s PIN</source>
        <translation>Manuelle Korrekturen durch Kassierer/innen an einem Ladentag, in Punkten in beide Richtungen; darüber hinaus die PIN einer Manager/in</translation>
    </message>
    <message>
        <source>Returns above ({currency})</source>
        <translation>Rücknahmen über ({currency})</translation>
    </message>
    <message>
        <source>A cashier&apos;s return or void above this amount needs a manager&apos;s PIN</source>
        <translation>Eine Rücknahme oder Stornierung durch Kassierer/innen über diesem Betrag braucht die PIN einer Manager/in</translation>
    </message>
    <message>
        <source>Lock after idle</source>
        <translation>Sperren nach Leerlauf</translation>
    </message>
    <message>
        <source>The till goes back to the sign-in screen after this long without a key or a click</source>
        <translation>Die Kasse kehrt nach dieser Zeit ohne Tastendruck oder Klick zur Anmeldung zurück</translation>
    </message>
    <message>
        <source>They apply once the shop has staff (Settings ▸ Staff).</source>
        <translation>Sie gelten, sobald der Laden Personal hat (Einstellungen ▸ Personal).</translation>
    </message>
    <message>
        <source>Enter the shop name</source>
        <translation>Geben Sie den Namen des Ladens ein</translation>
    </message>
    <message>
        <source>Choose a time zone from the list, such as Europe/Paris</source>
        <translation>Wählen Sie eine Zeitzone aus der Liste, z. B. Europe/Berlin</translation>
    </message>
    <message>
        <source>Use the two-letter country code of the phone numbers, such as FR</source>
        <translation>Verwenden Sie den zweibuchstabigen Ländercode der Telefonnummern, z. B. DE</translation>
    </message>
    <message>
        <source>Use a locale such as fr_FR or en_GB</source>
        <translation>Verwenden Sie ein Gebietsschema wie de_DE oder en_GB</translation>
    </message>
    <message>
        <source>Enter a whole number from {low} to {high}</source>
        <translation>Geben Sie eine ganze Zahl von {low} bis {high} ein</translation>
    </message>
    <message>
        <source>{zone} until the end of today; {next_zone} from {when} on, so no day is cut short.</source>
        <translation>{zone} bis zum Ende des heutigen Tages; {next_zone} ab {when}, damit kein Tag verkürzt wird.</translation>
    </message>
    <message>
        <source>A new time zone takes effect at the end of the shop&apos;s day.</source>
        <translation>Eine neue Zeitzone gilt ab dem Ende des Ladentags.</translation>
    </message>
    <message>
        <source>Simple points: 1 point per unit spent</source>
        <translation>Einfache Punkte: 1 Punkt je ausgegebener Einheit</translation>
    </message>
    <message>
        <source>Tiered: Bronze, Silver and Gold</source>
        <translation>Stufenbasiert: Bronze, Silber und Gold</translation>
    </message>
    <message>
        <source>Cash back: 2% back as points</source>
        <translation>Cashback: 2 % zurück als Punkte</translation>
    </message>
    <message>
        <source>Stamp card: every 10th visit free</source>
        <translation>Stempelkarte: jeder 10. Besuch gratis</translation>
    </message>
    <message>
        <source>Welcome to Loyalty Desk</source>
        <translation>Willkommen bei Loyalty Desk</translation>
    </message>
    <message>
        <source>Set up your shop. Everything can be changed later: the shop in Settings ▸ Shop, the staff in Settings ▸ Staff, the programs in the Programs tab.</source>
        <translation>Richten Sie Ihren Laden ein. Alles lässt sich später ändern: der Laden unter Einstellungen ▸ Laden, das Personal unter Einstellungen ▸ Personal, die Programme im Tab „Programme“.</translation>
    </message>
    <message>
        <source>Owner&apos;s PIN</source>
        <translation>PIN der Inhaberin/des Inhabers</translation>
    </message>
    <message>
        <source>Shop &amp;name</source>
        <translation>&amp;Name des Ladens</translation>
    </message>
    <message>
        <source>C&amp;ountry</source>
        <translation>&amp;Land</translation>
    </message>
    <message>
        <source>&amp;Time zone</source>
        <translation>&amp;Zeitzone</translation>
    </message>
    <message>
        <source>C&amp;urrency</source>
        <translation>&amp;Währung</translation>
    </message>
    <message>
        <source>Starting &amp;program</source>
        <translation>Erstes &amp;Programm</translation>
    </message>
    <message>
        <source>Set an owner P&amp;IN now (you can skip this, and add staff later)</source>
        <translation>Jetzt eine P&amp;IN für die Inhaberin/den Inhaber festlegen (können Sie überspringen und das Personal später anlegen)</translation>
    </message>
    <message>
        <source>Your n&amp;ame</source>
        <translation>Ihr Na&amp;me</translation>
    </message>
    <message>
        <source>&amp;Your PIN</source>
        <translation>I&amp;hre PIN</translation>
    </message>
    <message>
        <source>Type your name, as you will pick it when you sign in</source>
        <translation>Geben Sie Ihren Namen ein, so wie Sie ihn bei der Anmeldung auswählen werden</translation>
    </message>
    <message>
        <source>The PIN is 4 to 8 digits</source>
        <translation>Die PIN hat 4 bis 8 Ziffern</translation>
    </message>
    <message>
        <source>Open which shop?</source>
        <translation>Welchen Laden öffnen?</translation>
    </message>
    <message>
        <source>This database holds several shops.</source>
        <translation>Diese Datenbank enthält mehrere Läden.</translation>
    </message>
    <message>
        <source>There is no Loyalty Desk database at {location}.

Create a new, empty database there?</source>
        <translation>Unter {location} gibt es keine Loyalty-Desk-Datenbank.

Dort eine neue, leere Datenbank anlegen?</translation>
    </message>
    <message>
        <source>Cannot use the shop server at {where}.</source>
        <translation>Der Ladenserver unter {where} kann nicht verwendet werden.</translation>
    </message>
    <message>
        <source>&amp;Try again</source>
        <translation>&amp;Erneut versuchen</translation>
    </message>
    <message>
        <source>&amp;Use this computer only</source>
        <translation>Nur diesen &amp;Computer verwenden</translation>
    </message>
    <message>
        <source>Keys</source>
        <translation>Tasten</translation>
    </message>
    <message>
        <source>Menu</source>
        <translation>Menü</translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>Tastenkürzel</translation>
    </message>
    <message>
        <source>Filter: a key or an action</source>
        <translation>Filter: eine Taste oder eine Aktion</translation>
    </message>
    <message>
        <source>Filter the shortcuts</source>
        <translation>Tastenkürzel filtern</translation>
    </message>
    <message>
        <source>Every key works while a text field has focus. A scanner&apos;s code, typed fast and ended by Enter, opens the member wherever the cursor is.</source>
        <translation>Jede Taste funktioniert auch, wenn ein Textfeld den Fokus hat. Der Code eines Scanners, schnell getippt und mit Enter beendet, öffnet das Mitglied, egal wo der Cursor steht.</translation>
    </message>
    <message>
        <source>Loyalty Desk: user guide</source>
        <translation>Loyalty Desk: Benutzerhandbuch</translation>
    </message>
    <message>
        <source>Manager approval</source>
        <translation>Genehmigung durch Manager/in</translation>
    </message>
    <message>
        <source>Approver&apos;s PIN</source>
        <translation>PIN der genehmigenden Person</translation>
    </message>
    <message>
        <source>Their PIN</source>
        <translation>Deren PIN</translation>
    </message>
    <message>
        <source>Approve</source>
        <translation>Genehmigen</translation>
    </message>
    <message>
        <source>A manager or the owner approves with their own PIN.</source>
        <translation>Ein/e Manager/in oder die/der Inhaber/in genehmigt mit der eigenen PIN.</translation>
    </message>
    <message>
        <source>Nobody else can approve: add a manager in Settings ▸ Staff</source>
        <translation>Niemand sonst kann genehmigen: Legen Sie unter Einstellungen ▸ Personal eine/n Manager/in an</translation>
    </message>
    <message>
        <source>Type the approver&apos;s PIN (4 to 8 digits)</source>
        <translation>Geben Sie die PIN der genehmigenden Person ein (4 bis 8 Ziffern)</translation>
    </message>
    <message>
        <source>cashier</source>
        <translation>Kassierer/in</translation>
    </message>
    <message>
        <source>manager</source>
        <translation>Manager/in</translation>
    </message>
    <message>
        <source>owner</source>
        <translation>Inhaber/in</translation>
    </message>
    <message>
        <source>Signed in: {name} ({role}) · Ctrl+L locks</source>
        <translation>Angemeldet: {name} ({role}) · Strg+L sperrt</translation>
    </message>
    <message>
        <source>Locked</source>
        <translation>Gesperrt</translation>
    </message>
    <message>
        <source>4 to 8 digits</source>
        <translation>4 bis 8 Ziffern</translation>
    </message>
    <message>
        <source>PIN</source>
        <translation>PIN</translation>
    </message>
    <message>
        <source>Too many wrong PINs: try again at {time}</source>
        <translation>Zu viele falsche PINs: Versuchen Sie es um {time} erneut</translation>
    </message>
    <message>
        <source>Needs a cashier: {what}</source>
        <translation>Erfordert eine/n Kassierer/in: {what}</translation>
    </message>
    <message>
        <source>Needs a manager: {what}</source>
        <translation>Erfordert eine/n Manager/in: {what}</translation>
    </message>
    <message>
        <source>Needs the owner: {what}</source>
        <translation>Erfordert die/den Inhaber/in: {what}</translation>
    </message>
    <message>
        <source>Not allowed</source>
        <translation>Nicht erlaubt</translation>
    </message>
    <message>
        <source>Who is at the till?</source>
        <translation>Wer ist an der Kasse?</translation>
    </message>
    <message>
        <source>Staff member</source>
        <translation>Mitarbeiter/in</translation>
    </message>
    <message>
        <source>Type a name&apos;s first letters or use ↑ ↓, then Tab, the PIN and Enter.</source>
        <translation>Tippen Sie die ersten Buchstaben eines Namens oder nutzen Sie ↑ ↓, dann Tab, die PIN und Enter.</translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation>Anmelden</translation>
    </message>
    <message>
        <source>Pick your name first</source>
        <translation>Wählen Sie zuerst Ihren Namen</translation>
    </message>
    <message>
        <source>Cashier</source>
        <translation>Kassierer/in</translation>
    </message>
    <message>
        <source>Manager</source>
        <translation>Manager/in</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>Inhaber/in</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Rolle</translation>
    </message>
    <message>
        <source>Since</source>
        <translation>Seit</translation>
    </message>
    <message>
        <source>deactivated</source>
        <translation>deaktiviert</translation>
    </message>
    <message>
        <source>Edit staff member</source>
        <translation>Mitarbeiter/in bearbeiten</translation>
    </message>
    <message>
        <source>Add staff member</source>
        <translation>Mitarbeiter/in hinzufügen</translation>
    </message>
    <message>
        <source>leave empty to keep the PIN</source>
        <translation>leer lassen, um die PIN zu behalten</translation>
    </message>
    <message>
        <source>New PIN</source>
        <translation>Neue PIN</translation>
    </message>
    <message>
        <source>The first staff member is the shop&apos;s owner. From now on everyone signs in with a PIN.</source>
        <translation>Die erste Person im Personal ist die Inhaberin/der Inhaber des Ladens. Ab jetzt meldet sich jede/r mit einer PIN an.</translation>
    </message>
    <message>
        <source>Staff</source>
        <translation>Personal</translation>
    </message>
    <message>
        <source>Add…</source>
        <translation>Hinzufügen…</translation>
    </message>
    <message>
        <source>Edit or reset PIN…</source>
        <translation>Bearbeiten oder PIN zurücksetzen…</translation>
    </message>
    <message>
        <source>Deactivate</source>
        <translation>Deaktivieren</translation>
    </message>
    <message>
        <source>Everyone who works the till signs in with their own PIN. Cashiers sell, redeem and enroll; managers also approve, fulfil and see the audit log; owners change everything.</source>
        <translation>Wer an der Kasse arbeitet, meldet sich mit der eigenen PIN an. Kassierer/innen verkaufen, lösen ein und nehmen Mitglieder auf; Manager/innen genehmigen außerdem, geben Prämien aus und sehen das Protokoll; Inhaber/innen ändern alles.</translation>
    </message>
    <message>
        <source>Enter an amount above zero</source>
        <translation>Geben Sie einen Betrag über null ein</translation>
    </message>
    <message>
        <source>Enter the rate</source>
        <translation>Geben Sie den Satz ein</translation>
    </message>
    <message>
        <source>The rate cannot be negative</source>
        <translation>Der Satz kann nicht negativ sein</translation>
    </message>
    <message>
        <source>Type the rate with the digits 0 to 9 only</source>
        <translation>Geben Sie den Satz nur mit den Ziffern 0 bis 9 ein</translation>
    </message>
    <message>
        <source>Type the rate with digits only</source>
        <translation>Geben Sie den Satz nur mit Ziffern ein</translation>
    </message>
    <message>
        <source>Type the rate without thousands separators</source>
        <translation>Geben Sie den Satz ohne Tausendertrennzeichen ein</translation>
    </message>
    <message>
        <source>Use Return for a refund</source>
        <translation>Für eine Erstattung verwenden Sie Rückgabe</translation>
    </message>
    <message>
        <source>Type the amount with the digits 0 to 9 only</source>
        <translation>Geben Sie den Betrag nur mit den Ziffern 0 bis 9 ein</translation>
    </message>
    <message>
        <source>Type the amount with digits only</source>
        <translation>Geben Sie den Betrag nur mit Ziffern ein</translation>
    </message>
    <message>
        <source>Type the amount without thousands separators</source>
        <translation>Geben Sie den Betrag ohne Tausendertrennzeichen ein</translation>
    </message>
    <message>
        <source>Use a point for the cents, like 12{point}50</source>
        <translation>Trennen Sie die Cent mit einem Punkt ab, etwa 12{point}50</translation>
    </message>
    <message>
        <source>Use a comma for the cents, like 12{point}50</source>
        <translation>Trennen Sie die Cent mit einem Komma ab, etwa 12{point}50</translation>
    </message>
    <message>
        <source>Use “{point}” for the cents, like 12{point}50</source>
        <translation>Trennen Sie die Cent mit „{point}“ ab, etwa 12{point}50</translation>
    </message>
    <message>
        <source>Use a point for the decimals, like 1{point}5</source>
        <translation>Trennen Sie die Nachkommastellen mit einem Punkt ab, etwa 1{point}5</translation>
    </message>
    <message>
        <source>Use a comma for the decimals, like 1{point}5</source>
        <translation>Trennen Sie die Nachkommastellen mit einem Komma ab, etwa 1{point}5</translation>
    </message>
    <message>
        <source>Use “{point}” for the decimals, like 1{point}5</source>
        <translation>Trennen Sie die Nachkommastellen mit „{point}“ ab, etwa 1{point}5</translation>
    </message>
    <message>
        <source>Type a 0 before the point, like 0{point}50</source>
        <translation>Geben Sie vor dem Punkt eine 0 ein, etwa 0{point}50</translation>
    </message>
    <message>
        <source>Type a 0 before the comma, like 0{point}50</source>
        <translation>Geben Sie vor dem Komma eine 0 ein, etwa 0{point}50</translation>
    </message>
    <message>
        <source>Type a 0 before “{point}”, like 0{point}50</source>
        <translation>Geben Sie vor „{point}“ eine 0 ein, etwa 0{point}50</translation>
    </message>
    <message>
        <source>Type the cents after the point, like 12{point}50</source>
        <translation>Geben Sie die Cent nach dem Punkt ein, etwa 12{point}50</translation>
    </message>
    <message>
        <source>Type the cents after the comma, like 12{point}50</source>
        <translation>Geben Sie die Cent nach dem Komma ein, etwa 12{point}50</translation>
    </message>
    <message>
        <source>Type the cents after “{point}”, like 12{point}50</source>
        <translation>Geben Sie die Cent nach „{point}“ ein, etwa 12{point}50</translation>
    </message>
    <message>
        <source>Type the amount without cents</source>
        <translation>Geben Sie den Betrag ohne Cent ein</translation>
    </message>
    <message>
        <source>At most one decimal</source>
        <translation>Höchstens eine Nachkommastelle</translation>
    </message>
    <message>
        <source>At most two decimals</source>
        <translation>Höchstens zwei Nachkommastellen</translation>
    </message>
    <message>
        <source>At most {n} decimals</source>
        <translation>Höchstens {n} Nachkommastellen</translation>
    </message>
    <message>
        <source>That file cannot be found.</source>
        <translation>Diese Datei wurde nicht gefunden.</translation>
    </message>
    <message>
        <source>That picture is larger than 20 MB; choose a smaller one.</source>
        <translation>Dieses Bild ist größer als 20 MB; wählen Sie ein kleineres.</translation>
    </message>
    <message>
        <source>That file is not a picture Loyalty Desk can read (PNG, JPEG, GIF, BMP, WebP or SVG).</source>
        <translation>Diese Datei ist kein Bild, das Loyalty Desk lesen kann (PNG, JPEG, GIF, BMP, WebP oder SVG).</translation>
    </message>
    <message>
        <source>Choose a picture for the reward</source>
        <translation>Bild für die Prämie wählen</translation>
    </message>
    <message>
        <source>Pictures ({patterns});;All files (*)</source>
        <translation>Bilder ({patterns});;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Tiered</source>
        <translation>Stufenbasiert</translation>
    </message>
    <message>
        <source>Hybrid (points and tiers)</source>
        <translation>Hybrid (Punkte und Stufen)</translation>
    </message>
    <message>
        <source>Cash back</source>
        <translation>Cashback</translation>
    </message>
    <message>
        <source>Stamp card</source>
        <translation>Stempelkarte</translation>
    </message>
    <message>
        <source>Discount</source>
        <translation>Rabatt</translation>
    </message>
    <message>
        <source>Free product</source>
        <translation>Gratisprodukt</translation>
    </message>
    <message>
        <source>Free shipping</source>
        <translation>Kostenloser Versand</translation>
    </message>
    <message>
        <source>Exclusive access</source>
        <translation>Exklusiver Zugang</translation>
    </message>
    <message>
        <source>Pending</source>
        <translation>Offen</translation>
    </message>
    <message>
        <source>Approved</source>
        <translation>Genehmigt</translation>
    </message>
    <message>
        <source>Shipped</source>
        <translation>Versandt</translation>
    </message>
    <message>
        <source>Delivered</source>
        <translation>Zugestellt</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Storniert</translation>
    </message>
    <message>
        <source>Completed</source>
        <translation>Abgeschlossen</translation>
    </message>
    <message>
        <source>Points earned</source>
        <translation>Punkte gesammelt</translation>
    </message>
    <message>
        <source>Referral made</source>
        <translation>Empfehlung</translation>
    </message>
    <message>
        <source>Purchase made</source>
        <translation>Einkauf</translation>
    </message>
    <message>
        <source>Engagement milestone</source>
        <translation>Meilenstein</translation>
    </message>
    <message>
        <source>Points adjusted</source>
        <translation>Punkte korrigiert</translation>
    </message>
    <message>
        <source>Points expired</source>
        <translation>Punkte verfallen</translation>
    </message>
    <message>
        <source>Purchase returned</source>
        <translation>Einkauf zurückgegeben</translation>
    </message>
    <message>
        <source>Purchase</source>
        <translation>Einkauf</translation>
    </message>
    <message>
        <source>Referral</source>
        <translation>Empfehlung</translation>
    </message>
    <message>
        <source>Birthday bonus</source>
        <translation>Geburtstagsbonus</translation>
    </message>
    <message>
        <source>Api key changed</source>
        <translation>API-Schlüssel geändert</translation>
    </message>
    <message>
        <source>Api key created</source>
        <translation>API-Schlüssel erstellt</translation>
    </message>
    <message>
        <source>Api key deleted</source>
        <translation>API-Schlüssel gelöscht</translation>
    </message>
    <message>
        <source>Card replaced</source>
        <translation>Karte ersetzt</translation>
    </message>
    <message>
        <source>Database restored</source>
        <translation>Datenbank wiederhergestellt</translation>
    </message>
    <message>
        <source>Expiration</source>
        <translation>Verfall</translation>
    </message>
    <message>
        <source>Manual adjustment</source>
        <translation>Manuelle Korrektur</translation>
    </message>
    <message>
        <source>Member enrolled</source>
        <translation>Mitglied aufgenommen</translation>
    </message>
    <message>
        <source>Member erased</source>
        <translation>Mitglied gelöscht</translation>
    </message>
    <message>
        <source>Member merge</source>
        <translation>Mitglieder zusammengeführt</translation>
    </message>
    <message>
        <source>Member merged</source>
        <translation>Mitglied zusammengeführt</translation>
    </message>
    <message>
        <source>Member updated</source>
        <translation>Mitglied geändert</translation>
    </message>
    <message>
        <source>Program changed</source>
        <translation>Programm geändert</translation>
    </message>
    <message>
        <source>Promotion created</source>
        <translation>Aktion angelegt</translation>
    </message>
    <message>
        <source>Promotion changed</source>
        <translation>Aktion geändert</translation>
    </message>
    <message>
        <source>Promotion ended</source>
        <translation>Aktion beendet</translation>
    </message>
    <message>
        <source>Email sent to a segment</source>
        <translation>E-Mail an ein Segment gesendet</translation>
    </message>
    <message>
        <source>Program deleted</source>
        <translation>Programm gelöscht</translation>
    </message>
    <message>
        <source>Purchase return</source>
        <translation>Rückgabe</translation>
    </message>
    <message>
        <source>Redemption updated</source>
        <translation>Einlösung aktualisiert</translation>
    </message>
    <message>
        <source>Reward changed</source>
        <translation>Prämie geändert</translation>
    </message>
    <message>
        <source>Reward created</source>
        <translation>Prämie erstellt</translation>
    </message>
    <message>
        <source>Reward deleted</source>
        <translation>Prämie gelöscht</translation>
    </message>
    <message>
        <source>Shop changed</source>
        <translation>Geschäft geändert</translation>
    </message>
    <message>
        <source>Shop created</source>
        <translation>Geschäft angelegt</translation>
    </message>
    <message>
        <source>Shop deleted</source>
        <translation>Geschäft gelöscht</translation>
    </message>
    <message>
        <source>Sign in locked</source>
        <translation>Anmeldung gesperrt</translation>
    </message>
    <message>
        <source>Staff changed</source>
        <translation>Mitarbeiter/in geändert</translation>
    </message>
    <message>
        <source>Staff created</source>
        <translation>Mitarbeiter/in angelegt</translation>
    </message>
    <message>
        <source>Staff deleted</source>
        <translation>Mitarbeiter/in gelöscht</translation>
    </message>
    <message>
        <source>Status changed</source>
        <translation>Status geändert</translation>
    </message>
    <message>
        <source>Tier created</source>
        <translation>Stufe erstellt</translation>
    </message>
    <message>
        <source>Tier deleted</source>
        <translation>Stufe gelöscht</translation>
    </message>
    <message>
        <source>Tier demoted</source>
        <translation>Stufe herabgesetzt</translation>
    </message>
    <message>
        <source>Tier promoted</source>
        <translation>Stufe aufgestiegen</translation>
    </message>
    <message>
        <source>Web order dismissed</source>
        <translation>Web-Bestellung verworfen</translation>
    </message>
    <message>
        <source>Web order resolved</source>
        <translation>Web-Bestellung zugeordnet</translation>
    </message>
    <message>
        <source>Welcome bonus</source>
        <translation>Willkommensbonus</translation>
    </message>
    <message>
        <source>Redemption refund</source>
        <translation>Erstattung einer Einlösung</translation>
    </message>
    <message>
        <source>Merged</source>
        <translation>Zusammengeführt</translation>
    </message>
    <message>
        <source>Waiting for the database… another register is saving</source>
        <translation>Warte auf die Datenbank… eine andere Kasse speichert gerade</translation>
    </message>
    <message>
        <source>Use points — {name}</source>
        <translation>Punkte einlösen — {name}</translation>
    </message>
    <message>
        <source>{name} has {points} points</source>
        <translation>{name} hat {points} Punkte</translation>
    </message>
    <message>
        <source>{name} has {money} to spend</source>
        <translation>{name} hat {money} Guthaben</translation>
    </message>
    <message>
        <source>or money ({currency})</source>
        <translation>oder Betrag ({currency})</translation>
    </message>
    <message>
        <source>Basket ({currency})</source>
        <translation>Einkauf ({currency})</translation>
    </message>
    <message>
        <source>Takes off</source>
        <translation>Rabatt</translation>
    </message>
    <message>
        <source>Use points</source>
        <translation>Punkte einlösen</translation>
    </message>
    <message>
        <source>This program has no redemption value: set “points per unit” in its rules</source>
        <translation>Dieses Programm hat keinen Einlösewert: „Punkte je Einheit“ in seinen Regeln festlegen</translation>
    </message>
    <message>
        <source>{points} points = {money} off</source>
        <translation>{points} Punkte = {money} Rabatt</translation>
    </message>
    <message>
        <source>Enter the points to use</source>
        <translation>Die einzulösenden Punkte eingeben</translation>
    </message>
    <message>
        <source>{n} stamp</source>
        <translation>{n} Stempel</translation>
    </message>
    <message>
        <source>{n} stamps</source>
        <translation>{n} Stempel</translation>
    </message>
</context>
</TS>
