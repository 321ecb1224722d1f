import { createPasswordlessActor, getPasswordlessView } from './dist/index.js';
const a = createPasswordlessActor({ clientId: 'x', domain: 'd' });
a.start();
console.log(getPasswordlessView(a.getSnapshot()));
