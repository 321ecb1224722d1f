import { passwordlessPlugin } from '@passwordless-xstate/vue';
import { createApp } from 'vue';
import App from './App.vue';
import { flowOptions } from './config.ts';
import './styles.css';

createApp(App).use(passwordlessPlugin, flowOptions()).mount('#app');
