// English texts. Must define exactly the keys of de.ts.
import type { de } from './de';

export const en: Record<keyof typeof de, string> = {
  'app.name': 'Helferkarte',
  'app.tagline': 'Volunteering in your municipality',
  'app.titleSuffix': 'Helferkarte',

  'skipLink': 'Skip to content',
  'nav.main': 'Main navigation',
  'nav.start': 'Home',
  'nav.login': 'Log in',
  'nav.homeLink': 'Helferkarte – to the home page',

  'lang.switchPrefix': 'Change language:',
  'lang.other': 'Deutsch',

  'session.signedInAs': 'Signed in as {name}',
  'session.logout': 'Log out',
  'session.loggingOut': 'Logging out …',
  'session.logoutFailed': 'Logging out failed. Please try again.',
  'session.announceLoggedIn': 'You are now signed in as {name}.',
  'session.announceLoggedOut': 'You have logged out.',

  'offline.notice': 'You are offline. The pages of Helferkarte stay readable; current data will load as soon as you are connected again.',

  'footer.nav': 'Legal information',
  'footer.imprint': 'Legal notice',
  'footer.privacy': 'Privacy',
  'footer.accessibility': 'Accessibility',
  'footer.about': 'Helferkarte is free software for volunteering in municipalities – without trackers and without passing on your data.',

  'start.title': 'Home',
  'start.heading': 'Help where help is needed',
  'start.lead':
    'Helferkarte brings people who want to help together with concrete needs for help near them. Clubs, aid organisations and initiatives post what they need help with – you find these needs on a map and join spontaneously, without having to become a club member.',
  'start.howHeading': 'How it works',
  'start.step1Title': 'The municipality vouches for the groups',
  'start.step1Text':
    'Only groups that your municipality knows and trusts can post needs for help. That keeps out abuse.',
  'start.step2Title': 'Groups post concrete needs',
  'start.step2Text':
    'For example “Shopping help wanted” or “Reader wanted for the reading day” – with place, time and the number of helpers needed. As soon as a need is fully staffed, it shows as covered.',
  'start.step3Title': 'You help',
  'start.step3Text':
    'Find needs near you, also beyond the town border, and join with an account. You get a confirmation and a calendar entry.',
  'start.hotlineHeading': 'Help by phone',
  'start.hotlineText':
    'Not everyone uses the internet. That is why many municipalities run a help hotline: whoever needs support calls, and the municipality finds a helper.',
  'start.privacyHeading': 'Your data stays with the municipality',
  'start.privacyText':
    'No advertising, no trackers, no third-party services, and no data sold or shared. Helferkarte only sets the cookie that is technically necessary for signing in.',

  'municipalities.heading': 'Participating municipalities',
  'municipalities.loading': 'Loading the municipalities …',
  'municipalities.loaded': '{count} municipalities loaded.',
  'municipalities.loadedOne': 'One municipality loaded.',
  'municipalities.empty': 'No municipality takes part yet.',
  'municipalities.errorTitle': 'The municipalities could not be loaded',
  'municipalities.errorOffline': 'You are offline. Please try again once you are connected to the internet.',
  'municipalities.errorServer': 'The server did not answer as expected. Please try again later.',
  'municipalities.retry': 'Try again',
  'municipalities.more': 'Load more municipalities',
  'municipalities.email': 'E-mail',
  'municipalities.hotline': 'Help hotline',

  'login.title': 'Log in',
  'login.heading': 'Log in',
  'login.intro': 'Log in with your e-mail address and your password.',
  'login.email': 'E-mail address',
  'login.password': 'Password',
  'login.submit': 'Log in',
  'login.submitting': 'Logging in …',
  'login.errorTitle': 'Logging in failed',
  'login.errorEmailRequired': 'Please enter your e-mail address.',
  'login.errorPasswordRequired': 'Please enter your password.',
  'login.errorCheckFields': 'Please check your entries.',
  'login.errorOffline': 'The server cannot be reached. Please check your internet connection and try again.',
  'login.errorUnknown': 'An unexpected error occurred. Please try again later.',
  'login.errorTooMany': 'Too many login attempts. Please wait a moment and then try again.',
  'login.alreadySignedIn': 'You are already signed in as {name}.',
  'login.toStart': 'To the home page',

  'imprint.title': 'Legal notice',
  'imprint.heading': 'Legal notice',
  'imprint.placeholderHeading': 'Details of the municipality',
  'imprint.placeholder':
    'The legal notice of the municipality that runs this Helferkarte follows here: name and address, authorised representative, contact and supervisory authority. The municipality enters its text when setting up the platform.',

  'privacy.title': 'Privacy',
  'privacy.heading': 'Privacy policy',
  'privacy.placeholderHeading': 'Details of the municipality',
  'privacy.placeholder':
    'The privacy policy of the municipality that runs this Helferkarte follows here, with the contact details of its data protection officer. The municipality enters its text when setting up the platform.',
  'privacy.principlesHeading': 'Principles of Helferkarte',
  'privacy.principle1': 'No requests are made to third parties: no external fonts, scripts, maps or analytics services.',
  'privacy.principle2': 'Only the cookie that is technically necessary for signing in is set.',
  'privacy.principle3': 'Your location is only used for the search; it is neither stored nor logged.',
  'privacy.principle4': 'You can download all your data and delete your account at any time.',

  'accessibility.title': 'Accessibility',
  'accessibility.heading': 'Accessibility statement',
  'accessibility.placeholderHeading': 'Details of the municipality',
  'accessibility.placeholder':
    'The accessibility statement of the municipality that runs this Helferkarte follows here, with the compliance status, the feedback mechanism and the responsible conciliation body. The municipality enters its text when setting up the platform.',
  'accessibility.goalHeading': 'Goal',
  'accessibility.goal':
    'Helferkarte aims to meet BITV 2.0 and WCAG 2.1 level AA: usable with the keyboard and screen readers, with adjustable text size and sufficient contrast.',

  'notFound.title': 'Page not found',
  'notFound.heading': 'Page not found',
  'notFound.text': 'There is no page at the address {path}. Perhaps the address has changed or contains a typo.',
  'notFound.toStart': 'To the home page',
};
