import '@kern-ux/native/dist/kern.min.css';
import '@kern-ux/native/dist/fonts/fira-sans.css';
import './app.css';
import { mount } from 'svelte';
import App from './App.svelte';
import { startDisplaySettings } from './lib/display-settings.svelte';
import { locale } from './lib/i18n.svelte';
import { watchNetwork } from './lib/online.svelte';
import { startRouter } from './lib/router.svelte';
import { loadSession } from './lib/session.svelte';
import { registerServiceWorker } from './lib/sw-register';

// Text size, contrast and motion before anything is drawn, so that the page never jumps.
startDisplaySettings();
document.documentElement.lang = locale.lang;
startRouter();
watchNetwork();
void loadSession();

const target = document.getElementById('app');
if (!target) throw new Error('#app is missing in index.html');
mount(App, { target });

registerServiceWorker();
