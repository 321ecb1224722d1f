import { passwordlessPlugin } from '@passwordless-xstate/vue';
import { createApp } from 'vue';
import App from './App.vue';
import { flowOptions } from 'demo-shared/config';
import 'demo-shared/styles.css';

createApp(App).use(passwordlessPlugin, flowOptions('vue')).mount('#app');
