// English texts of the matched helper's pages. Must define exactly the keys of helper.de.ts.
import type { helperDe } from './helper.de';

export const helperEn: Record<keyof typeof helperDe, string> = {
  'helpRequest.title': 'Help request',
  'helpRequest.heading': 'Your help in {area}',
  'helpRequest.headingPlain': 'Your help',
  'helpRequest.loading': 'Loading the help request …',
  'helpRequest.loadError': 'The help request could not be loaded',
  'helpRequest.missingTitle': 'This help request is not (or no longer) assigned to you',
  'helpRequest.missing':
    'Perhaps someone else is helping by now, or the request has been closed. Thank you for offering your help! Only the person currently matched sees the contact details.',
  'helpRequest.toEngagements': 'To your engagements',
  'helpRequest.intro':
    'The help hotline of {municipality} has matched you. Please call the person soon and arrange everything else with them.',
  'helpRequest.callerHeading': 'Contact',
  'helpRequest.privacy':
    'These details are meant for you and for this help only. Please do not pass them on. The municipality deletes them after the request is closed.',
  'helpRequest.taskHeading': 'What it is about',
  'helpRequest.category': 'Category',
  'helpRequest.area': 'Area',
  'helpRequest.summary': 'What is needed?',
  'helpRequest.details': 'Notes',
  'helpRequest.when': 'When',
  'helpRequest.noTime': 'No date yet – please arrange it with the person.',
  'helpRequest.needLink': 'View the public need',
  'helpRequest.cannotTitle': 'If something comes up',
  'helpRequest.cannotCall': 'If you cannot make it, please call the help hotline:',
  'helpRequest.cannotNoPhone': 'If you cannot make it, please let the municipality of {municipality} know.',

  'helpRequest.listHeading': 'Matched through the help hotline',
  'helpRequest.listIntro': 'For these requests the help hotline of your municipality has matched you as the helper.',
  'helpRequest.listLoadError': 'Your matched help requests could not be loaded',
  'helpRequest.listWhen': 'When',
  'helpRequest.listTask': 'Request',
  'helpRequest.listSummary': 'What is needed?',
  'helpRequest.listContact': 'Contact',
  'helpRequest.listLink': 'Contact and details',
  'helpRequest.listLinkLabel': 'Contact and details: {category} in {area}',
  'helpRequest.taskText': '{category} in {area}',
};
