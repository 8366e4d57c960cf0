/* desk-demo.c: realistic demo incidents
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The texts are translatable: demo mode exists to show the desk to people,
 * many of whom read Indonesian, and the records are written in the
 * language the desk runs in when they are generated. Given one seed, one
 * "now" and one language, the rows are always the same.
 */

#define G_LOG_DOMAIN "desk-demo"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "desk-demo.h"
#include "desk-error.h"

#define MINUTE 60
#define HOUR (60 * MINUTE)
#define DAY (24 * HOUR)

typedef struct
{
  const char   *title;
  const char   *description;
  const char   *root_cause;
  const char   *five_whys;
  DeskFactor    factor;
  const char   *workaround;
  const char   *resolution;
  DeskSeverity  worst;        /* the most severe this can plausibly be */
  int           problem;      /* 1-based index into problems, or 0 */
} Scenario;

typedef struct
{
  const char     *name;
  double          target;
  guint           weight;     /* relative share of the incidents */
  const Scenario *scenarios;
  guint           n_scenarios;
} Service;

typedef struct
{
  const char        *title;
  DeskProblemStatus  status;
  const char        *root_cause;
  const char        *workaround;
} ProblemSeed;

static const ProblemSeed problems[] = {
  { N_("VPN gateway drops sessions under load"), DESK_PROBLEM_KNOWN_ERROR,
    N_("The VPN gateway's session table fills up when more than 400 people "
       "connect at once, and new sessions push out old ones."),
    N_("Reconnect the VPN client; the office network works without VPN.") },
  { N_("Payroll batch runs out of memory at month end"), DESK_PROBLEM_OPEN,
    N_("The payroll batch loads every payslip of the month into memory "
       "before writing them."),
    N_("Run the batch per department instead of for the whole company.") },
  { N_("Access point firmware reboots under roaming"), DESK_PROBLEM_RESOLVED,
    N_("A bug in access point firmware 8.10 restarts the radio when many "
       "laptops roam between floors."),
    N_("Pin laptops to one access point or use a network cable.") },
  { N_("Backup storage fills up before the weekly clean-up"),
    DESK_PROBLEM_KNOWN_ERROR,
    N_("Retention keeps 35 daily copies, but the storage was sized for "
       "30."),
    N_("Delete the oldest daily copies by hand on Fridays.") },
};

static const Scenario email_scenarios[] = {
  { N_("Outlook cannot connect to the mailbox"),
    N_("Several people report that Outlook shows \"Disconnected\" and new "
       "mail does not arrive. Webmail still works."),
    N_("An expired certificate on the mail gateway after the renewal job "
       "failed silently."),
    N_("Outlook could not open a secure connection to the gateway.\n"
       "The gateway presented an expired certificate.\n"
       "The automatic renewal did not replace it.\n"
       "The renewal job failed because its DNS check timed out.\n"
       "Nobody was alerted because the job's failures were not monitored."),
    DESK_FACTOR_PROCESS,
    N_("Use webmail until the certificate is replaced."),
    N_("Installed a renewed certificate on the mail gateway and added an "
       "alert on the renewal job."),
    DESK_SEVERITY_SEV1, 0 },
  { N_("Mail to external recipients is delayed"),
    N_("Messages to customers sit in the outbox for up to an hour before "
       "they leave."),
    N_("The outbound relay was throttled by the provider after a "
       "newsletter was sent through it."),
    N_("External mail waited in the relay queue.\n"
       "The provider limited how fast the relay may send.\n"
       "A newsletter of 20,000 messages went out through the relay.\n"
       "Marketing used the normal mail system for bulk mail.\n"
       "There was no separate route for bulk mail."),
    DESK_FACTOR_PEOPLE,
    N_("Urgent messages can be sent from the phone app, which uses "
       "another route."),
    N_("The provider lifted the limit; bulk mail now goes through the "
       "newsletter service."),
    DESK_SEVERITY_SEV3, 0 },
  { N_("Shared mailbox missing for the finance team"),
    N_("The finance team cannot see the shared \"Invoices\" mailbox since "
       "this morning."),
    N_("A group membership clean-up removed the team's access group."),
    N_("The team lost access to the shared mailbox.\n"
       "Their access group was deleted.\n"
       "The clean-up script treated the group as unused.\n"
       "The script looks only at sign-ins, not at mailbox access.\n"
       "The script was never reviewed for shared resources."),
    DESK_FACTOR_PROCESS,
    N_("Grant access to named people one by one for the day."),
    N_("Restored the access group and excluded mailbox groups from the "
       "clean-up."),
    DESK_SEVERITY_SEV3, 0 },
};

static const Scenario vpn_scenarios[] = {
  { N_("VPN disconnects every few minutes"),
    N_("People working from home are thrown out of the VPN every five to "
       "ten minutes and lose unsaved work in remote sessions."),
    N_("The VPN gateway's session table was full and dropped the oldest "
       "sessions."),
    N_("Users lost their VPN connection.\n"
       "The gateway ended existing sessions.\n"
       "Its session table was full.\n"
       "More people than usual worked from home because of the rain.\n"
       "The table size was never raised after the company grew."),
    DESK_FACTOR_TECHNOLOGY,
    N_("Reconnect the VPN client; the office network works without VPN."),
    N_("Raised the session table size and restarted the gateway out of "
       "hours."),
    DESK_SEVERITY_SEV1, 1 },
  { N_("VPN sign-in fails with \"authentication error\""),
    N_("Nobody can start a new VPN connection; existing ones keep "
       "working."),
    N_("The VPN gateway could not reach the sign-in service after a "
       "firewall rule change."),
    N_("Sign-in requests failed.\n"
       "The gateway could not reach the sign-in service.\n"
       "A firewall rule blocked the port it uses.\n"
       "The change was made to close an unrelated port.\n"
       "The rule covered a range of ports instead of one."),
    DESK_FACTOR_PEOPLE,
    N_("People in the office are not affected."),
    N_("Corrected the firewall rule to close only the intended port."),
    DESK_SEVERITY_SEV1, 0 },
  { N_("VPN very slow from the Surabaya branch"),
    N_("Opening files over the VPN from the branch takes minutes."),
    N_("The branch's internet line was running on its backup link at a "
       "tenth of the usual speed."),
    N_("File access was slow.\n"
       "The branch line had little bandwidth.\n"
       "It had switched to the backup link.\n"
       "The main fibre was cut by road works.\n"
       "The provider's repair took two days."),
    DESK_FACTOR_EXTERNAL,
    N_("Work on local copies and synchronise in the evening."),
    N_("The provider repaired the fibre and the line switched back."),
    DESK_SEVERITY_SEV3, 1 },
};

static const Scenario payroll_scenarios[] = {
  { N_("Payroll run stops halfway"),
    N_("The monthly payroll batch stopped at 60 % and payslips were not "
       "created."),
    N_("The payroll batch ran out of memory while holding every payslip "
       "of the month."),
    N_("The batch stopped.\n"
       "The server ran out of memory.\n"
       "The batch keeps all payslips in memory before writing them.\n"
       "It was written when the company had 300 employees.\n"
       "Its memory use was never tested with today's numbers."),
    DESK_FACTOR_TECHNOLOGY,
    N_("Run the batch per department instead of for the whole company."),
    N_("Ran the batch per department; the vendor is fixing the memory "
       "use."),
    DESK_SEVERITY_SEV1, 2 },
  { N_("Wrong overtime rate on payslips"),
    N_("Several staff report that overtime was paid at the weekday rate "
       "for a public holiday."),
    N_("The public holiday calendar for the year was not loaded."),
    N_("Overtime was paid at the wrong rate.\n"
       "The system did not know the day was a holiday.\n"
       "The holiday calendar was missing.\n"
       "Loading it is a manual step each December.\n"
       "The step was not on the year-end checklist."),
    DESK_FACTOR_PROCESS,
    N_("HR corrects affected payslips by hand."),
    N_("Loaded the holiday calendar, recalculated overtime and added the "
       "step to the year-end checklist."),
    DESK_SEVERITY_SEV2, 0 },
};

static const Scenario portal_scenarios[] = {
  { N_("Customer portal shows an error page"),
    N_("Customers get \"Service unavailable\" when they sign in to the "
       "portal."),
    N_("The portal's database connection pool was exhausted by a slow "
       "report query."),
    N_("Sign-in failed.\n"
       "The portal could not get a database connection.\n"
       "Every connection was busy with the same report.\n"
       "The report query scanned the whole orders table.\n"
       "An index was dropped during last week's upgrade."),
    DESK_FACTOR_TECHNOLOGY,
    N_("Customers can place orders by phone."),
    N_("Recreated the missing index and limited report queries to their "
       "own connections."),
    DESK_SEVERITY_SEV1, 0 },
  { N_("Customer portal is slow to load"),
    N_("Pages take ten seconds or more to open."),
    N_("The content delivery network served files from a distant region "
       "after a configuration change."),
    N_("Pages loaded slowly.\n"
       "Images and scripts came from another continent.\n"
       "The delivery network routed to the wrong region.\n"
       "A region setting was reset by an update.\n"
       "The update's release notes did not mention it."),
    DESK_FACTOR_EXTERNAL,
    N_("None needed; the portal works, only slowly."),
    N_("Set the delivery region again and added a check for it."),
    DESK_SEVERITY_SEV2, 0 },
  { N_("Password reset mail never arrives"),
    N_("Customers who forgot their password do not receive the reset "
       "link."),
    N_("The portal's mail sender used an API key that had been revoked."),
    N_("Reset mails were not sent.\n"
       "The mail service refused the portal's requests.\n"
       "The portal used a revoked key.\n"
       "Keys were rotated but the portal kept the old one.\n"
       "The portal was missing from the list of key users."),
    DESK_FACTOR_PROCESS,
    N_("The service desk resets passwords on request."),
    N_("Configured the new key and added the portal to the rotation "
       "list."),
    DESK_SEVERITY_SEV3, 0 },
};

static const Scenario wifi_scenarios[] = {
  { N_("Wi-Fi drops on the third floor"),
    N_("Laptops on the third floor lose Wi-Fi several times an hour."),
    N_("Access point firmware 8.10 restarts the radio when many laptops "
       "roam between floors."),
    N_("Laptops lost the network.\n"
       "The access point restarted its radio.\n"
       "The firmware crashed while handling roaming laptops.\n"
       "Version 8.10 has a known bug there.\n"
       "The update was installed before the vendor's fix was out."),
    DESK_FACTOR_TECHNOLOGY,
    N_("Pin laptops to one access point or use a network cable."),
    N_("Installed firmware 8.12, which fixes the roaming bug."),
    DESK_SEVERITY_SEV3, 3 },
  { N_("Guest Wi-Fi asks for a password nobody knows"),
    N_("Visitors cannot join the guest network; reception has no current "
       "password."),
    N_("The weekly guest password changed and the reception screen was "
       "not updated."),
    N_("Visitors could not connect.\n"
       "Reception gave out last week's password.\n"
       "The screen at reception showed the old one.\n"
       "The screen's update job stopped after a restart.\n"
       "The job was not set to start automatically."),
    DESK_FACTOR_PROCESS,
    N_("Reception reads the password from the admin page."),
    N_("Set the update job to start with the screen."),
    DESK_SEVERITY_SEV4, 0 },
};

static const Scenario erp_scenarios[] = {
  { N_("ERP cannot post invoices"),
    N_("Posting an invoice ends with \"period closed\" although the month "
       "is open."),
    N_("The accounting period was closed a day early by a scheduled "
       "task."),
    N_("Invoices were refused.\n"
       "The system thought the period was closed.\n"
       "A scheduled task closed it.\n"
       "The task used the server's time zone, not Jakarta's.\n"
       "The server was moved to another data centre."),
    DESK_FACTOR_TECHNOLOGY,
    N_("Post invoices with yesterday's date and correct them later."),
    N_("Reopened the period and set the task's time zone explicitly."),
    DESK_SEVERITY_SEV1, 0 },
  { N_("ERP reports time out"),
    N_("The monthly stock report stops after five minutes with a timeout."),
    N_("Statistics on the stock tables were out of date, so the database "
       "chose a slow plan."),
    N_("The report timed out.\n"
       "Its query ran for more than five minutes.\n"
       "The database used a slow plan.\n"
       "Its table statistics were old.\n"
       "The nightly maintenance job was disabled during a migration."),
    DESK_FACTOR_PROCESS,
    N_("Run the report for one warehouse at a time."),
    N_("Refreshed the statistics and re-enabled nightly maintenance."),
    DESK_SEVERITY_SEV3, 0 },
};

static const Scenario files_scenarios[] = {
  { N_("File server share is read-only"),
    N_("Nobody can save files to the Projects share; opening still "
       "works."),
    N_("The file server's disk filled up with copies of a video "
       "project."),
    N_("Saves failed.\n"
       "The disk was full.\n"
       "A team copied 2 TB of video there.\n"
       "There is no quota on the Projects share.\n"
       "Quotas were planned but never set."),
    DESK_FACTOR_PROCESS,
    N_("Save to your own folder until space is freed."),
    N_("Moved the video project to the media storage and set quotas."),
    DESK_SEVERITY_SEV1, 0 },
  { N_("Files open very slowly from the network drive"),
    N_("Opening a spreadsheet from the S: drive takes over a minute."),
    N_("The antivirus scanned every file on open after a policy update."),
    N_("Files opened slowly.\n"
       "Each open waited for a virus scan.\n"
       "The scan covered network files too.\n"
       "A new policy turned that on.\n"
       "The policy was tested on laptops only."),
    DESK_FACTOR_TECHNOLOGY,
    N_("Copy the file to the desktop before opening it."),
    N_("Excluded the trusted file server from on-open scanning."),
    DESK_SEVERITY_SEV3, 0 },
};

static const Scenario printing_scenarios[] = {
  { N_("Printer on the second floor prints blank pages"),
    N_("Every job sent to the second-floor printer comes out blank."),
    N_("A faulty toner cartridge from a new supplier."),
    N_("Pages came out blank.\n"
       "No toner reached the drum.\n"
       "The cartridge's seal was not removed properly.\n"
       "The new cartridges have a different seal.\n"
       "Nobody was told about the change of supplier."),
    DESK_FACTOR_EXTERNAL,
    N_("Print on the first-floor printer."),
    N_("Replaced the cartridge and briefed the facilities team."),
    DESK_SEVERITY_SEV4, 0 },
  { N_("Print jobs stuck in the queue"),
    N_("Jobs wait in the queue and nothing prints on any floor."),
    N_("The print server's spooler stopped after a Windows update."),
    N_("Nothing printed.\n"
       "The spooler service was stopped.\n"
       "It crashed after an update.\n"
       "A printer driver was incompatible with the update.\n"
       "Drivers are not part of the update tests."),
    DESK_FACTOR_TECHNOLOGY,
    N_("Print from the copier's USB port."),
    N_("Updated the printer driver and restarted the spooler."),
    DESK_SEVERITY_SEV3, 0 },
};

static const Scenario sso_scenarios[] = {
  { N_("Single sign-on loops back to the sign-in page"),
    N_("After typing their password people land on the sign-in page "
       "again, for every application."),
    N_("The clocks of the sign-in servers drifted apart, so tokens "
       "looked expired."),
    N_("Sign-in never completed.\n"
       "Applications rejected the tokens as expired.\n"
       "The token issuer's clock was four minutes fast.\n"
       "The server could not reach its time source.\n"
       "A firewall change blocked the time protocol."),
    DESK_FACTOR_TECHNOLOGY,
    N_("Applications with their own passwords still work."),
    N_("Opened the time protocol again and synchronised the clocks."),
    DESK_SEVERITY_SEV1, 0 },
  { N_("New employees cannot sign in on their first day"),
    N_("Accounts created yesterday are rejected with \"user not found\"."),
    N_("The nightly sync from the HR system failed on a name with an "
       "apostrophe."),
    N_("New accounts were missing.\n"
       "The nightly sync stopped early.\n"
       "It failed on one record.\n"
       "A name contained an apostrophe.\n"
       "The sync builds its queries by joining text."),
    DESK_FACTOR_TECHNOLOGY,
    N_("The service desk creates the accounts by hand."),
    N_("Fixed the sync to pass names as parameters and re-ran it."),
    DESK_SEVERITY_SEV3, 0 },
};

static const Scenario backup_scenarios[] = {
  { N_("Nightly backup failed"),
    N_("The backup report shows the nightly backup of the file server as "
       "failed."),
    N_("The backup storage was full before the weekly clean-up ran."),
    N_("The backup failed.\n"
       "There was no space left on the backup storage.\n"
       "Old copies are removed only once a week.\n"
       "Retention keeps 35 daily copies.\n"
       "The storage was sized for 30."),
    DESK_FACTOR_PROCESS,
    N_("Delete the oldest daily copies by hand on Fridays."),
    N_("Freed space and scheduled the clean-up daily."),
    DESK_SEVERITY_SEV3, 4 },
  { N_("Restore of a deleted folder fails"),
    N_("A user asked for a deleted folder back; the restore stops with a "
       "checksum error."),
    N_("One backup tape had a damaged section."),
    N_("The restore failed.\n"
       "The data on the tape did not match its checksum.\n"
       "A section of the tape was damaged.\n"
       "The tape was past its rated number of uses.\n"
       "Tape age was not tracked."),
    DESK_FACTOR_TECHNOLOGY,
    N_("Restore from the previous day's copy."),
    N_("Restored from the previous day and retired old tapes."),
    DESK_SEVERITY_SEV3, 0 },
};

static const Scenario phone_scenarios[] = {
  { N_("Desk phones have no dial tone"),
    N_("Phones in the main office show \"No service\"."),
    N_("The phone system's SIP trunk was suspended by the provider over "
       "an unpaid invoice."),
    N_("Phones had no line.\n"
       "The provider suspended the trunk.\n"
       "An invoice was unpaid.\n"
       "It went to a former employee's mailbox.\n"
       "The billing contact was never updated."),
    DESK_FACTOR_PEOPLE,
    N_("Use mobile phones; the service desk line is forwarded."),
    N_("Paid the invoice and changed the billing contact to a team "
       "address."),
    DESK_SEVERITY_SEV1, 0 },
  { N_("Echo on calls from the meeting rooms"),
    N_("People on the other end hear themselves during calls from the "
       "meeting rooms."),
    N_("Echo cancellation was switched off in the room devices' new "
       "profile."),
    N_("Callers heard an echo.\n"
       "The room devices sent back the speaker sound.\n"
       "Echo cancellation was off.\n"
       "A new profile was pushed to the devices.\n"
       "The profile was copied from a headset model."),
    DESK_FACTOR_PEOPLE,
    N_("Use a laptop with a headset for important calls."),
    N_("Enabled echo cancellation in the room profile."),
    DESK_SEVERITY_SEV4, 0 },
};

static const Scenario laptop_scenarios[] = {
  { N_("Laptops cannot install updates"),
    N_("Windows Update shows error 0x80070005 on many laptops."),
    N_("The update server's certificate was replaced but laptops did not "
       "trust the new issuer."),
    N_("Updates failed.\n"
       "Laptops refused the update server.\n"
       "They did not trust its new certificate.\n"
       "The new issuer was not pushed to laptops.\n"
       "The push was planned for the week after the change."),
    DESK_FACTOR_PROCESS,
    N_("None; updates wait until the issue is fixed."),
    N_("Pushed the new issuer certificate to every laptop."),
    DESK_SEVERITY_SEV3, 0 },
  { N_("Laptop battery drains overnight"),
    N_("Several laptops are empty in the morning although they were shut "
       "down."),
    N_("Fast start-up keeps the laptops half awake."),
    N_("Batteries were empty.\n"
       "The laptops did not switch off fully.\n"
       "Fast start-up was on.\n"
       "It is on by default.\n"
       "Our image did not change the default."),
    DESK_FACTOR_TECHNOLOGY,
    N_("Choose Restart instead of Shut down."),
    N_("Turned fast start-up off in the laptop image."),
    DESK_SEVERITY_SEV4, 0 },
};

#define SERVICE(name, target, weight, scenarios) \
  { name, target, weight, scenarios, G_N_ELEMENTS (scenarios) }

static const Service services[] = {
  SERVICE (N_("Email"), 99.9, 14, email_scenarios),
  SERVICE (N_("VPN"), 99.5, 12, vpn_scenarios),
  SERVICE (N_("Payroll"), 99.5, 4, payroll_scenarios),
  SERVICE (N_("Customer portal"), 99.95, 10, portal_scenarios),
  SERVICE (N_("Wi-Fi (Head office)"), 99.0, 12, wifi_scenarios),
  SERVICE (N_("ERP"), 99.9, 8, erp_scenarios),
  SERVICE (N_("File server"), 99.5, 9, files_scenarios),
  SERVICE (N_("Printing"), 98.0, 10, printing_scenarios),
  SERVICE (N_("Identity (SSO)"), 99.95, 6, sso_scenarios),
  SERVICE (N_("Backups"), 99.0, 5, backup_scenarios),
  SERVICE (N_("Telephony"), 99.5, 4, phone_scenarios),
  SERVICE (N_("Laptops"), 98.0, 6, laptop_scenarios),
};

static const char * const people[] = {
  "Ana Wijaya", "Budi Santoso", "Dewi Lestari", "Rizky Pratama",
  "Siti Rahmawati", "Agus Setiawan", "Maria Schmidt", "Tom Becker",
  "Priya Nair", "Kenji Sato", "Lucas Martin", "Nur Aisyah",
};

static const char * const reporters[] = {
  N_("Monitoring"), N_("Service desk"), "Fajar Nugroho", "Intan Permata",
  "Hendra Gunawan", "Laura Rossi", "Ahmad Fauzi", "Yuki Tanaka",
};

typedef struct
{
  GRand  *rand;
  gint64  now;
  guint   total_weight;
} Generator;

static double
uniform (Generator *gen)
{
  return g_rand_double (gen->rand);
}

static gint64
between (Generator *gen,
         gint64     low,
         gint64     high)
{
  if (high <= low)
    return low;

  return low + (gint64) (uniform (gen) * (double) (high - low));
}

static const Service *
pick_service (Generator *gen)
{
  guint ticket = g_rand_int_range (gen->rand, 0, gen->total_weight);

  for (guint i = 0; i < G_N_ELEMENTS (services); i++)
    {
      if (ticket < services[i].weight)
        return &services[i];
      ticket -= services[i].weight;
    }

  return &services[0];
}

/* Most tickets are SEV3 and SEV4; a scenario caps how bad it can be. */
static DeskSeverity
pick_severity (Generator      *gen,
               const Scenario *scenario)
{
  double r = uniform (gen);
  DeskSeverity severity;

  if (r < 0.05)
    severity = DESK_SEVERITY_SEV1;
  else if (r < 0.22)
    severity = DESK_SEVERITY_SEV2;
  else if (r < 0.62)
    severity = DESK_SEVERITY_SEV3;
  else
    severity = DESK_SEVERITY_SEV4;

  return MAX (severity, scenario->worst);
}

static DeskImpact
pick_impact (Generator    *gen,
             DeskSeverity  severity)
{
  static const double outage[] = { 0, 0.70, 0.25, 0.03, 0.0 };
  static const double degraded[] = { 0, 0.30, 0.60, 0.45, 0.15 };
  double r = uniform (gen);

  if (r < outage[severity])
    return DESK_IMPACT_OUTAGE;
  if (r < outage[severity] + degraded[severity])
    return DESK_IMPACT_DEGRADED;

  return DESK_IMPACT_NONE;
}

/* Old incidents are nearly all closed; the open ones are recent. */
static DeskStatus
pick_status (Generator *gen,
             gint64     age)
{
  static const DeskStatus open[] = {
    DESK_STATUS_NEW, DESK_STATUS_INVESTIGATING, DESK_STATUS_INVESTIGATING,
    DESK_STATUS_IDENTIFIED, DESK_STATUS_MONITORING, DESK_STATUS_ON_HOLD,
  };
  double r = uniform (gen);

  if (age > 14 * DAY)
    return r < 0.88 ? DESK_STATUS_CLOSED : DESK_STATUS_RESOLVED;
  if (age > 2 * DAY)
    {
      if (r < 0.40)
        return DESK_STATUS_CLOSED;
      if (r < 0.85)
        return DESK_STATUS_RESOLVED;
    }
  else if (r < 0.40)
    {
      return DESK_STATUS_RESOLVED;
    }

  return open[g_rand_int_range (gen->rand, 0, G_N_ELEMENTS (open))];
}

static void
add_entry (GPtrArray  *timeline,
           gint64      at,
           const char *actor,
           const char *field,
           const char *old_value,
           const char *new_value)
{
  DeskTimelineEntry entry = {
    .at = at,
    .actor = (char *) actor,
    .field = (char *) field,
    .old_value = (char *) old_value,
    .new_value = (char *) new_value,
    .note = (char *) "",
  };

  g_ptr_array_add (timeline, desk_timeline_entry_copy (&entry));
}

static void
add_status_entry (GPtrArray  *timeline,
                  gint64      at,
                  const char *actor,
                  DeskStatus  from,
                  DeskStatus  to)
{
  add_entry (timeline, at, actor, "status",
             desk_status_to_string (from), desk_status_to_string (to));
}

/* Response within minutes for SEV1, within hours for SEV4; resolution
 * from under an hour to days.
 */
static gint64
response_delay (Generator    *gen,
                DeskSeverity  severity)
{
  static const gint64 most[] = { 0, 20 * MINUTE, 45 * MINUTE, 3 * HOUR,
                                 10 * HOUR };

  return between (gen, MINUTE, most[severity]);
}

static gint64
resolution_delay (Generator    *gen,
                  DeskSeverity  severity)
{
  static const gint64 least[] = { 0, 30 * MINUTE, HOUR, 2 * HOUR, 4 * HOUR };
  static const gint64 most[] = { 0, 6 * HOUR, 12 * HOUR, 2 * DAY, 5 * DAY };
  double r = uniform (gen);

  /* Skewed towards the short end, as real resolution times are. */
  return least[severity] + (gint64) (r * r * (double) (most[severity] -
                                                       least[severity]));
}

/* How long the service itself suffers: minutes to hours, usually much
 * shorter than it takes to close the ticket.
 */
static gint64
impact_duration (Generator    *gen,
                 DeskSeverity  severity)
{
  static const gint64 least[] = { 0, 10 * MINUTE, 15 * MINUTE, 30 * MINUTE,
                                  HOUR };
  static const gint64 most[] = { 0, 3 * HOUR, 4 * HOUR, 8 * HOUR,
                                 12 * HOUR };
  double r = uniform (gen);

  return least[severity] + (gint64) (r * r * (double) (most[severity] -
                                                       least[severity]));
}

static DeskIncident *
make_incident (Generator  *gen,
               guint       number,
               gint64      detected_at,
               GPtrArray  *timeline)
{
  const Service *service = pick_service (gen);
  const Scenario *scenario;
  DeskIncident *incident = desk_incident_new ();
  DeskStatus status;
  const char *assignee;
  const char *reporter;
  gint64 acknowledged_at = DESK_TIME_NONE;
  gint64 resolved_at = DESK_TIME_NONE;
  gint64 closed_at = DESK_TIME_NONE;
  gint64 impact_end = DESK_TIME_NONE;
  gint64 restored_at;
  char reference[32];

  scenario = &service->scenarios[g_rand_int_range (gen->rand, 0,
                                                   service->n_scenarios)];
  g_snprintf (reference, sizeof reference, "INC-%06u", number);
  assignee = people[g_rand_int_range (gen->rand, 0, G_N_ELEMENTS (people))];
  reporter = reporters[g_rand_int_range (gen->rand, 0,
                                         G_N_ELEMENTS (reporters))];
  if (g_str_equal (reporter, "Monitoring") ||
      g_str_equal (reporter, "Service desk"))
    reporter = _(reporter);

  desk_incident_set_string (incident, DESK_FIELD_REFERENCE, reference);
  desk_incident_set_string (incident, DESK_FIELD_TITLE, _(scenario->title));
  desk_incident_set_string (incident, DESK_FIELD_SERVICE, _(service->name));
  desk_incident_set_string (incident, DESK_FIELD_DESCRIPTION,
                            _(scenario->description));
  desk_incident_set_string (incident, DESK_FIELD_REPORTER, reporter);
  incident->severity = pick_severity (gen, scenario);
  incident->impact = pick_impact (gen, incident->severity);
  status = pick_status (gen, gen->now - detected_at);
  restored_at = detected_at + impact_duration (gen, incident->severity);

  /* An open incident's impact is still going on only while it is young;
   * older ones are followed up after the service came back.
   */
  if (incident->impact != DESK_IMPACT_NONE && restored_at <= gen->now)
    impact_end = restored_at;

  add_entry (timeline, detected_at, reporter, "created", "", "New");

  if (status != DESK_STATUS_NEW)
    {
      acknowledged_at = detected_at + response_delay (gen,
                                                      incident->severity);
      acknowledged_at = MIN (acknowledged_at, gen->now);
      desk_incident_set_string (incident, DESK_FIELD_ASSIGNEE, assignee);
      add_status_entry (timeline, acknowledged_at, assignee,
                        DESK_STATUS_NEW, DESK_STATUS_INVESTIGATING);
    }

  if (status == DESK_STATUS_RESOLVED || status == DESK_STATUS_CLOSED)
    {
      resolved_at = acknowledged_at + resolution_delay (gen,
                                                        incident->severity);
      resolved_at = MIN (resolved_at, gen->now);
      closed_at = resolved_at + between (gen, HOUR, 5 * DAY);
      if (closed_at > gen->now)
        status = DESK_STATUS_RESOLVED;
      if (incident->impact != DESK_IMPACT_NONE)
        impact_end = MIN (restored_at, resolved_at);

      add_status_entry (timeline, resolved_at, assignee,
                        DESK_STATUS_INVESTIGATING, DESK_STATUS_RESOLVED);
      desk_incident_set_string (incident, DESK_FIELD_RESOLUTION,
                                _(scenario->resolution));
      desk_incident_set_string (incident, DESK_FIELD_WORKAROUND,
                                _(scenario->workaround));
      desk_incident_set_string (incident, DESK_FIELD_ROOT_CAUSE,
                                _(scenario->root_cause));
      desk_incident_set_string (incident, DESK_FIELD_FIVE_WHYS,
                                _(scenario->five_whys));
      incident->factor = scenario->factor;
    }
  else if (status != DESK_STATUS_NEW &&
           status != DESK_STATUS_INVESTIGATING)
    {
      gint64 changed_at = between (gen, acknowledged_at, gen->now);

      add_status_entry (timeline, changed_at, assignee,
                        DESK_STATUS_INVESTIGATING, status);
      if (status == DESK_STATUS_MONITORING &&
          incident->impact != DESK_IMPACT_NONE)
        impact_end = MIN (restored_at, changed_at);
      if (status != DESK_STATUS_ON_HOLD)
        desk_incident_set_string (incident, DESK_FIELD_WORKAROUND,
                                  _(scenario->workaround));
    }

  if (status == DESK_STATUS_CLOSED)
    add_status_entry (timeline, closed_at, assignee,
                      DESK_STATUS_RESOLVED, DESK_STATUS_CLOSED);
  else
    closed_at = DESK_TIME_NONE;

  if (scenario->problem != 0 && uniform (gen) < 0.7)
    {
      char problem[32];

      g_snprintf (problem, sizeof problem, "PRB-%06d", scenario->problem);
      desk_incident_set_string (incident, DESK_FIELD_PROBLEM, problem);
    }

  incident->status = status;
  incident->detected_at = detected_at;
  incident->acknowledged_at = acknowledged_at;
  incident->resolved_at = resolved_at;
  incident->closed_at = closed_at;
  incident->impact_end = impact_end;
  incident->created_at = detected_at;
  incident->updated_at = status == DESK_STATUS_NEW ? detected_at
                         : closed_at != DESK_TIME_NONE ? closed_at
                         : resolved_at != DESK_TIME_NONE ? resolved_at
                         : acknowledged_at;

  return incident;
}

static gboolean
add_services_and_problems (DeskStore  *store,
                           GError    **error)
{
  for (guint i = 0; i < G_N_ELEMENTS (services); i++)
    {
      g_autoptr(DeskService) service = NULL;

      service = desk_service_new (_(services[i].name), services[i].target);
      if (!desk_store_save_service (store, service, error))
        return FALSE;
    }

  for (guint i = 0; i < G_N_ELEMENTS (problems); i++)
    {
      g_autoptr(DeskProblem) problem = NULL;
      g_autofree char *reference = NULL;

      /* A second fill of the same database reuses the problems. */
      reference = g_strdup_printf ("PRB-%06u", i + 1);
      problem = desk_store_find_problem (store, reference, NULL);
      if (problem != NULL)
        continue;

      problem = desk_problem_new ();
      g_free (problem->reference);
      problem->reference = g_steal_pointer (&reference);
      g_free (problem->title);
      problem->title = g_strdup (_(problems[i].title));
      problem->status = problems[i].status;
      g_free (problem->root_cause);
      problem->root_cause = g_strdup (_(problems[i].root_cause));
      g_free (problem->workaround);
      problem->workaround = g_strdup (_(problems[i].workaround));

      if (!desk_store_create_problem (store, problem, error))
        return FALSE;
    }

  return TRUE;
}

/* How far back the incidents reach: two hours per incident, at least
 * two months and at most three years, so small sets look like a busy
 * quarter and large ones like a big company's history.
 */
static gint64
history_span (guint count)
{
  return CLAMP ((gint64) count * 2 * HOUR, 60 * (gint64) DAY,
                3 * 365 * (gint64) DAY);
}

gboolean
desk_demo_fill (DeskStore      *store,
                guint           count,
                guint32         seed,
                gint64          now,
                void          (*progress) (double   fraction,
                                           gpointer user_data),
                gpointer        user_data,
                GCancellable   *cancellable,
                GError        **error)
{
  Generator gen = { 0 };
  g_autoptr(GPtrArray) timeline = NULL;
  gint64 span = history_span (count);
  gint64 start = now - span;
  gboolean ok = FALSE;

  g_return_val_if_fail (DESK_IS_STORE (store), FALSE);
  g_return_val_if_fail (count >= 10 && count <= 1000000, FALSE);

  gen.rand = g_rand_new_with_seed (seed);
  gen.now = now;
  for (guint i = 0; i < G_N_ELEMENTS (services); i++)
    gen.total_weight += services[i].weight;
  timeline = g_ptr_array_new_with_free_func (
    (GDestroyNotify) desk_timeline_entry_free);

  if (!desk_store_begin (store, error))
    goto out;

  if (!add_services_and_problems (store, error))
    goto fail;

  for (guint i = 0; i < count; i++)
    {
      g_autoptr(DeskIncident) incident = NULL;
      gint64 detected_at;

      if (i % 4096 == 0)
        {
          if (g_cancellable_set_error_if_cancelled (cancellable, NULL))
            {
              g_set_error_literal (error, DESK_ERROR, DESK_ERROR_CANCELLED,
                                   _("Creating the demo data was "
                                     "cancelled."));
              goto fail;
            }
          if (progress != NULL)
            progress ((double) i / count, user_data);
        }

      /* Spread evenly over the span, oldest first, so references grow
       * with time like a real desk's.
       */
      detected_at = start + (gint64) (((double) i + uniform (&gen)) *
                                      (double) span / count);
      detected_at = MIN (detected_at, now - MINUTE);
      incident = make_incident (&gen, i + 1, detected_at, timeline);

      if (!desk_store_import_incident (store, incident, timeline, NULL,
                                       error))
        goto fail;

      g_ptr_array_set_size (timeline, 0);
    }

  if (!desk_store_commit (store, error))
    goto fail;

  if (progress != NULL)
    progress (1.0, user_data);
  ok = TRUE;
  goto out;

fail:
  desk_store_rollback (store);
out:
  g_rand_free (gen.rand);
  return ok;
}
