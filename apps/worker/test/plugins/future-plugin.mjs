export default {
  [Symbol.for('tqalert.plugin')]: true,
  apiVersion: 2,
  kind: 'notifier',
  name: 'future',
  options: {},
  create() {},
};
