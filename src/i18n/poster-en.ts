import type { EmergencyNumbers } from '../tickets/emergency-numbers.ts';
import type { PosterCatalog } from './poster-catalog.ts';

const EMERGENCY = {
  lift: 'Trapped in a lift',
  fire: 'Fire',
  ambulance: 'Ambulance',
  police: 'Police',
  gas: 'Gas',
} as const;

function emergencyLine(n: EmergencyNumbers): string {
  return (Object.keys(EMERGENCY) as Array<keyof typeof EMERGENCY>)
    .filter((k) => n[k])
    .map((k) => `${EMERGENCY[k]} ${n[k]}`)
    .join('  |  ');
}

export const posterEn: PosterCatalog = {
  kicker: 'Report a problem · straight to the property office',
  headline: 'Something wrong? Scan and tell us',
  intro: [
    'No water, a broken lift, rubbish, trees, a hazard…',
    'One line or a photo is enough; reports are taken 24/7.',
    'The property office answers in the chat and keeps you posted.',
    'What stays unsolved goes to the weekly tripartite meeting.',
  ],
  platformName: { telegram: 'Telegram', line: 'LINE' },
  scanWith: { telegram: 'Scan with Telegram', line: 'Scan with LINE' },
  telegramThen: 'then tap START',
  lineThen: ({ text }) => `then send "${text}"`,
  stepsTitle: 'Three steps',
  steps: [
    "Scan to open the chat with the estate's bot",
    'Say what is wrong and where (building, spot); add a photo',
    'Get a reference (like W-0123); answers and progress come to you',
  ],
  emergencyTitle: 'In an emergency, call first, then report it here',
  emergencyLine,
  privacy: 'Your name, phone and flat never appear in group chats, notices or meeting agendas.',
  estateCode: (code) => `Estate code: ${code}`,
};
