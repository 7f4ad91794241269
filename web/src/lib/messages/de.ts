// German texts (default language). The user is addressed with "Sie".
// Every key must also exist in en.ts (the type system enforces it).
export const de = {
  'app.name': 'Helferkarte',
  'app.tagline': 'Ehrenamt in Ihrer Kommune',
  'app.titleSuffix': 'Helferkarte',

  'skipLink': 'Zum Inhalt springen',
  'nav.main': 'Hauptnavigation',
  'nav.start': 'Start',
  'nav.login': 'Anmelden',
  'nav.homeLink': 'Helferkarte – zur Startseite',

  'lang.switchPrefix': 'Sprache wechseln:',
  'lang.other': 'English',

  'session.signedInAs': 'Angemeldet als {name}',
  'session.logout': 'Abmelden',
  'session.loggingOut': 'Abmeldung läuft …',
  'session.logoutFailed': 'Die Abmeldung ist fehlgeschlagen. Bitte versuchen Sie es erneut.',
  'session.announceLoggedIn': 'Sie sind jetzt angemeldet als {name}.',
  'session.announceLoggedOut': 'Sie haben sich abgemeldet.',

  'offline.notice': 'Sie sind offline. Die Seiten der Helferkarte bleiben lesbar, aktuelle Daten werden geladen, sobald Sie wieder verbunden sind.',

  'footer.nav': 'Rechtliche Hinweise',
  'footer.imprint': 'Impressum',
  'footer.privacy': 'Datenschutz',
  'footer.accessibility': 'Barrierefreiheit',
  'footer.about': 'Helferkarte ist freie Software für das Ehrenamt in Kommunen – ohne Tracker und ohne Weitergabe Ihrer Daten.',

  'start.title': 'Start',
  'start.heading': 'Helfen, wo es gebraucht wird',
  'start.lead':
    'Helferkarte bringt Menschen, die helfen möchten, mit konkretem Hilfebedarf in ihrer Nähe zusammen. Vereine, Hilfsorganisationen und Initiativen veröffentlichen, wofür sie Hilfe brauchen – Sie finden diese Einsätze auf einer Karte und machen spontan mit, ganz ohne Vereinsmitgliedschaft.',
  'start.howHeading': 'So funktioniert es',
  'start.step1Title': 'Die Kommune bürgt für die Gruppen',
  'start.step1Text':
    'Nur Gruppen, die Ihre Kommune kennt und für vertrauenswürdig hält, dürfen Hilfebedarfe veröffentlichen. So gibt es keinen Missbrauch.',
  'start.step2Title': 'Gruppen veröffentlichen konkrete Bedarfe',
  'start.step2Text':
    'Zum Beispiel „Einkaufshilfe gesucht“ oder „Vorleser für den Lesetag gesucht“ – mit Ort, Zeit und der Zahl der benötigten Helferinnen und Helfer. Ist ein Einsatz voll besetzt, steht er sofort als besetzt da.',
  'start.step3Title': 'Sie helfen mit',
  'start.step3Text':
    'Finden Sie Einsätze in Ihrer Nähe, auch über die Gemeindegrenze hinaus, und melden Sie sich mit einem Konto an. Sie erhalten eine Bestätigung und einen Kalendereintrag.',
  'start.hotlineHeading': 'Hilfe per Telefon',
  'start.hotlineText':
    'Nicht alle nutzen das Internet. Viele Kommunen betreiben deshalb ein Hilfetelefon: Wer Unterstützung braucht, ruft an, und die Kommune vermittelt eine Helferin oder einen Helfer.',
  'start.privacyHeading': 'Ihre Daten bleiben bei der Kommune',
  'start.privacyText':
    'Keine Werbung, keine Tracker, keine Dienste von Dritten und kein Verkauf oder Weitergabe von Daten. Helferkarte setzt nur das Cookie, das für die Anmeldung technisch notwendig ist.',

  'municipalities.heading': 'Teilnehmende Kommunen',
  'municipalities.loading': 'Die Kommunen werden geladen …',
  'municipalities.loaded': '{count} Kommunen geladen.',
  'municipalities.loadedOne': 'Eine Kommune geladen.',
  'municipalities.empty': 'Es nimmt noch keine Kommune teil.',
  'municipalities.errorTitle': 'Die Kommunen konnten nicht geladen werden',
  'municipalities.errorOffline': 'Sie sind offline. Bitte versuchen Sie es erneut, sobald Sie wieder mit dem Internet verbunden sind.',
  'municipalities.errorServer': 'Der Server hat nicht wie erwartet geantwortet. Bitte versuchen Sie es später erneut.',
  'municipalities.retry': 'Erneut versuchen',
  'municipalities.more': 'Weitere Kommunen laden',
  'municipalities.email': 'E-Mail',
  'municipalities.hotline': 'Hilfetelefon',

  'login.title': 'Anmelden',
  'login.heading': 'Anmelden',
  'login.intro': 'Melden Sie sich mit Ihrer E-Mail-Adresse und Ihrem Passwort an.',
  'login.email': 'E-Mail-Adresse',
  'login.password': 'Passwort',
  'login.submit': 'Anmelden',
  'login.submitting': 'Anmeldung läuft …',
  'login.errorTitle': 'Die Anmeldung ist fehlgeschlagen',
  'login.errorEmailRequired': 'Bitte geben Sie Ihre E-Mail-Adresse ein.',
  'login.errorPasswordRequired': 'Bitte geben Sie Ihr Passwort ein.',
  'login.errorCheckFields': 'Bitte prüfen Sie Ihre Eingaben.',
  'login.errorOffline': 'Der Server ist nicht erreichbar. Bitte prüfen Sie Ihre Internetverbindung und versuchen Sie es erneut.',
  'login.errorUnknown': 'Es ist ein unerwarteter Fehler aufgetreten. Bitte versuchen Sie es später erneut.',
  'login.errorTooMany': 'Zu viele Anmeldeversuche. Bitte warten Sie einen Moment und versuchen Sie es dann erneut.',
  'login.alreadySignedIn': 'Sie sind bereits angemeldet als {name}.',
  'login.toStart': 'Zur Startseite',

  'imprint.title': 'Impressum',
  'imprint.heading': 'Impressum',
  'imprint.placeholderHeading': 'Angaben der Kommune',
  'imprint.placeholder':
    'Hier folgt das Impressum der Kommune, die diese Helferkarte betreibt: Name und Anschrift, vertretungsberechtigte Person, Kontakt und zuständige Aufsichtsbehörde. Die Kommune trägt ihren Text bei der Einrichtung ein.',

  'privacy.title': 'Datenschutz',
  'privacy.heading': 'Datenschutzerklärung',
  'privacy.placeholderHeading': 'Angaben der Kommune',
  'privacy.placeholder':
    'Hier folgt die Datenschutzerklärung der Kommune, die diese Helferkarte betreibt, mit den Kontaktdaten der oder des Datenschutzbeauftragten. Die Kommune trägt ihren Text bei der Einrichtung ein.',
  'privacy.principlesHeading': 'Grundsätze der Helferkarte',
  'privacy.principle1': 'Es werden keine Anfragen an Dritte gestellt: keine externen Schriften, Skripte, Karten oder Statistikdienste.',
  'privacy.principle2': 'Es wird nur das Cookie gesetzt, das für die Anmeldung technisch notwendig ist.',
  'privacy.principle3': 'Ihr Standort wird nur für die Suche verwendet und weder gespeichert noch protokolliert.',
  'privacy.principle4': 'Sie können alle Ihre Daten jederzeit herunterladen und Ihr Konto löschen.',

  'accessibility.title': 'Barrierefreiheit',
  'accessibility.heading': 'Erklärung zur Barrierefreiheit',
  'accessibility.placeholderHeading': 'Angaben der Kommune',
  'accessibility.placeholder':
    'Hier folgt die Erklärung zur Barrierefreiheit der Kommune, die diese Helferkarte betreibt, mit dem Stand der Vereinbarkeit, dem Feedback-Mechanismus und der zuständigen Schlichtungsstelle. Die Kommune trägt ihren Text bei der Einrichtung ein.',
  'accessibility.goalHeading': 'Ziel',
  'accessibility.goal':
    'Helferkarte soll die Anforderungen der BITV 2.0 und der WCAG 2.1 auf Stufe AA erfüllen: bedienbar mit der Tastatur und mit Screenreadern, mit anpassbarer Textgröße und ausreichendem Kontrast.',

  'notFound.title': 'Seite nicht gefunden',
  'notFound.heading': 'Seite nicht gefunden',
  'notFound.text': 'Unter der Adresse {path} gibt es keine Seite. Vielleicht hat sich die Adresse geändert oder sie enthält einen Tippfehler.',
  'notFound.toStart': 'Zur Startseite',
} satisfies Record<string, string>;
