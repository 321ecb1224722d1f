import type { Directive } from 'vue';

/**
 * `v-autofocus`: the HTML attribute only works once per page load, and each step's field is
 * inserted later, when the chart moves on.
 */
export const vAutofocus: Directive<HTMLElement> = { mounted: (element) => element.focus() };
