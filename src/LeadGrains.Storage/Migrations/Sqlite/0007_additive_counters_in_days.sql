-- Additive counters are kept in day buckets only from now on: a week or a month of an additive
-- counter is exactly the sum of its days, so the readers add the days up, and every commit
-- writes a third of the rows it did (see Counter.KeptInDays). Unique counters keep their week
-- and month rows (a lead seen on two days of a week is one in the week). The readers never read
-- an additive counter's week or month row, so these are dropped only to free the space; the
-- names are the additive counters of this version (a test holds the list to the code).
DELETE FROM lg_kpi_counters
WHERE period <> 0
  AND counter IN (
    'email.deliveries',
    'email.list_size',
    'email.opens',
    'email.clicks',
    'email.replies',
    'email.bounces',
    'email.unsubscribes',
    'webinar.registrations',
    'webinar.attendees',
    'webinar.survey_respondents',
    'whitepaper.downloads',
    'whitepaper.document_requests',
    'web.page_views',
    'web.dwell_seconds',
    'web.dwell_samples',
    'web.cta_clicks',
    'sns.engagements',
    'sns.likes',
    'sns.reposts',
    'sns.replies',
    'sns.impressions',
    'sns.reach',
    'sns.hashtag_uses',
    'sns.followers_sum',
    'sns.follower_reports',
    'exhibition.visits',
    'inquiry.submissions',
    'funnel.leads_acquired',
    'funnel.leads_qualified',
    'funnel.handed_to_sales',
    'funnel.meetings',
    'funnel.won_deals'
);
