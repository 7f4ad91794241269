// German texts of the matched helper's pages (a hotline request they help with). Merged into de.ts.
export const helperDe = {
  'helpRequest.title': 'Hilfeanfrage',
  'helpRequest.heading': 'Ihre Hilfe für {area}',
  'helpRequest.headingPlain': 'Ihre Hilfe',
  'helpRequest.loading': 'Die Hilfeanfrage wird geladen …',
  'helpRequest.loadError': 'Die Hilfeanfrage konnte nicht geladen werden',
  'helpRequest.missingTitle': 'Diese Hilfeanfrage ist nicht (mehr) Ihnen zugeordnet',
  'helpRequest.missing':
    'Vielleicht hilft inzwischen jemand anderes, oder die Anfrage ist abgeschlossen. Vielen Dank für Ihre Bereitschaft! Die Kontaktdaten sieht nur, wer gerade vermittelt ist.',
  'helpRequest.toEngagements': 'Zu Ihren Einsätzen',
  'helpRequest.intro':
    'Das Hilfetelefon der Kommune {municipality} hat Sie vermittelt. Bitte rufen Sie die Person bald an und sprechen Sie alles Weitere mit ihr ab.',
  'helpRequest.callerHeading': 'Kontakt',
  'helpRequest.privacy':
    'Diese Angaben sind nur für Sie und nur für diese Hilfe bestimmt. Bitte geben Sie sie nicht weiter. Die Kommune löscht sie nach dem Abschluss.',
  'helpRequest.taskHeading': 'Anliegen',
  'helpRequest.category': 'Kategorie',
  'helpRequest.area': 'Gebiet',
  'helpRequest.summary': 'Was wird gebraucht?',
  'helpRequest.details': 'Hinweise',
  'helpRequest.when': 'Wann',
  'helpRequest.noTime': 'Noch kein Termin – bitte sprechen Sie ihn mit der Person ab.',
  'helpRequest.needLink': 'Öffentliches Gesuch ansehen',
  'helpRequest.cannotTitle': 'Falls Sie verhindert sind',
  'helpRequest.cannotCall': 'Wenn Sie nicht können, rufen Sie bitte das Hilfetelefon an:',
  'helpRequest.cannotNoPhone': 'Wenn Sie nicht können, sagen Sie bitte der Kommune {municipality} Bescheid.',

  'helpRequest.listHeading': 'Vermittelt über das Hilfetelefon',
  'helpRequest.listIntro': 'Bei diesen Anfragen hat das Hilfetelefon Ihrer Kommune Sie als Helferin oder Helfer vermittelt.',
  'helpRequest.listLoadError': 'Ihre vermittelten Hilfeanfragen konnten nicht geladen werden',
  'helpRequest.listWhen': 'Wann',
  'helpRequest.listTask': 'Anliegen',
  'helpRequest.listSummary': 'Was wird gebraucht?',
  'helpRequest.listContact': 'Kontakt',
  'helpRequest.listLink': 'Kontakt und Details',
  'helpRequest.listLinkLabel': 'Kontakt und Details: {category} in {area}',
  'helpRequest.taskText': '{category} in {area}',
} satisfies Record<string, string>;
