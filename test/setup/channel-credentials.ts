/** The Reddit script app the fake accepts and the Worker tests are configured with. */
export const REDDIT_APP = {
  clientId: 'test-reddit-client-id',
  clientSecret: 'test-reddit-client-secret',
  username: 'empire_test_bot',
  password: 'test-reddit-password',
  subreddit: 'empire_test',
};
